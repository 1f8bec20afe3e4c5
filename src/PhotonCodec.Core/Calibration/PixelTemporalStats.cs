using System;
#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.InteropServices;
#endif

namespace PhotonCodec.Core.Calibration;

/// <summary>
/// Per-pixel temporal mean and variance over the frames seen (memory: three doubles per pixel, whatever the movie length).
/// Averaging over frames separates pixels that never see a photon from dim ones: a pixel's mean moves by gain·λ
/// while its scatter shrinks as 1/√frames, so the zero-photon pixels form a tight cluster at the zero level.
/// </summary>
internal sealed class PixelTemporalStats
{
    private readonly double[] _shift;
    private readonly double[] _sum;
    private readonly double[] _sumSquares;
    private readonly double[] _sumCubes;

    public PixelTemporalStats(int pixels)
    {
        _shift = new double[pixels];
        _sum = new double[pixels];
        _sumSquares = new double[pixels];
        _sumCubes = new double[pixels];
    }

    public int Frames { get; private set; }

    /// <summary>Lowest and highest finite level seen.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;

    public void Add(ReadOnlySpan<double> frame)
    {
        if (Frames == 0) frame.CopyTo(_shift);
        double[] shift = _shift, sum = _sum, squares = _sumSquares, cubes = _sumCubes;
        double lo = Min, hi = Max;
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector.IsHardwareAccelerated && frame.Length >= 2 * Vector<double>.Count)
        {
            var vf = MemoryMarshal.Cast<double, Vector<double>>(frame);
            var vShift = MemoryMarshal.Cast<double, Vector<double>>(shift.AsSpan());
            var vSum = MemoryMarshal.Cast<double, Vector<double>>(sum.AsSpan());
            var vSquares = MemoryMarshal.Cast<double, Vector<double>>(squares.AsSpan());
            var vCubes = MemoryMarshal.Cast<double, Vector<double>>(cubes.AsSpan());
            var vLo = new Vector<double>(lo);
            var vHi = new Vector<double>(hi);
            for (int k = 0; k < vf.Length; k++)
            {
                Vector<double> v = vf[k];
                // NaN compares false and is never taken as an extreme.
                vLo = Vector.ConditionalSelect(Vector.LessThan(v, vLo), v, vLo);
                vHi = Vector.ConditionalSelect(Vector.GreaterThan(v, vHi), v, vHi);
                Vector<double> d = v - vShift[k];
                Vector<double> d2 = d * d;
                vSum[k] += d;
                vSquares[k] += d2;
                vCubes[k] += d2 * d;
            }
            for (int k = 0; k < Vector<double>.Count; k++)
            {
                if (vLo[k] < lo) lo = vLo[k];
                if (vHi[k] > hi) hi = vHi[k];
            }
            i = vf.Length * Vector<double>.Count;
        }
#endif
        for (; i < frame.Length; i++)
        {
            double v = frame[i];
            if (v < lo) lo = v;
            if (v > hi) hi = v;
            // Shifted by the first value so that large levels do not cancel in the variance.
            double d = v - shift[i];
            sum[i] += d;
            double d2 = d * d;
            squares[i] += d2;
            cubes[i] += d2 * d;
        }
        Min = lo; Max = hi;
        Frames++;
    }

    /// <summary>Temporal variance of one pixel over the frames seen (unbiased).</summary>
    public double Variance(int pixel)
    {
        int frames = Frames;
        double m = _sum[pixel] / frames;
        return (_sumSquares[pixel] - frames * m * m) / (frames - 1);
    }

    /// <summary>
    /// The lowest tight cluster of per-pixel means, or null when the lowest means are a continuum (no dark pixels)
    /// or the cluster holds fewer than <paramref name="minFraction"/> of the pixels.
    /// </summary>
    public DarkPeak? FindDarkPeak(bool integerLevels, double minFraction = 0.005)
    {
        int frames = Frames;
        if (frames < 2) return null;
        int n = _sum.Length;
        var means = new double[n];
        var variances = new double[n];
        var thirds = new double[n];
        int valid = 0;
        for (int i = 0; i < n; i++)
        {
            double m = _sum[i] / frames;
            double v = (_sumSquares[i] - frames * m * m) / (frames - 1);
            double mean = _shift[i] + m;
            if (double.IsNaN(mean) || double.IsInfinity(mean) || double.IsNaN(v)) continue;
            means[valid] = mean;
            variances[valid] = Math.Max(v, 0);
            // Third central moment from the shifted raw moments.
            double m2 = _sumSquares[i] / frames, m3 = _sumCubes[i] / frames;
            thirds[valid] = m3 - 3 * m * m2 + 2 * m * m * m;
            valid++;
        }
        if (valid < 10) return null;
        var order = new int[valid];
        for (int i = 0; i < valid; i++) order[i] = i;
        Array.Sort(means, order, 0, valid);
        var byMean = new double[valid];
        for (int i = 0; i < valid; i++) byMean[i] = variances[order[i]];
        Array.Copy(byMean, variances, valid);
        for (int i = 0; i < valid; i++) byMean[i] = thirds[order[i]];
        Array.Copy(byMean, thirds, valid);

        int low = (int)(0.002 * valid);
        int lowCount = Math.Max(5, valid / 100);
        var lowest = new double[Math.Min(lowCount, valid - low)];
        Array.Copy(variances, low, lowest, 0, lowest.Length);
        Array.Sort(lowest);
        double typicalVariance = lowest[lowest.Length / 2];
        double scale = Math.Sqrt(typicalVariance / frames);
        double floor = integerLevels ? 0.5 / frames : 1e-9 * Math.Max(1, Math.Abs(means[low]));
        if (scale < floor) scale = floor;

        // Mean shift from the low edge to the centre of the lowest cluster.
        double centre = means[low];
        int from = 0, to = 0;
        for (int iteration = 0; iteration < 12; iteration++)
        {
            from = LowerBound(means, valid, centre - 3 * scale);
            to = LowerBound(means, valid, centre + 3 * scale + 1e-12 * Math.Abs(centre));
            if (to <= from) return null;
            double sum = 0;
            for (int i = from; i < to; i++) sum += means[i];
            double next = sum / (to - from);
            if (next == centre) break;
            centre = next;
        }
        int inCluster = to - from;
        int above = LowerBound(means, valid, centre + 9 * scale) - to;
        // A cluster, not the low tail of a continuum: the next, twice-as-wide window must be at most half as dense.
        if (inCluster < Math.Max(10, minFraction * valid) || above > inCluster) return null;

        double variance = 0, third = 0;
        for (int i = from; i < to; i++) { variance += variances[i]; third += thirds[i]; }
        third /= inCluster;
        variance /= inCluster;
        double rawVariance = variance;
        // Rounding to integer levels adds 1/12 level² once the noise spans several levels.
        if (integerLevels && variance >= 0.25) variance -= 1.0 / 12;
        // Read noise is symmetric; photons are not (Poisson skewness 1/√λ): the skewness tells dim light from darkness.
        double skewness = rawVariance > 0 ? third / Math.Pow(rawVariance, 1.5) : 0;
        return new DarkPeak(centre, Math.Sqrt(variance), inCluster, skewness);
    }

    /// <summary>First index of <paramref name="sorted"/>[0..count) not below <paramref name="value"/>.</summary>
    internal static int LowerBound(double[] sorted, int count, double value)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
