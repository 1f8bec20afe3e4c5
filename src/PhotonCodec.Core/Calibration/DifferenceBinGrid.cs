using System;

namespace PhotonCodec.Core.Calibration;

/// <summary>
/// Streaming statistics of second differences d = a − 2b + c of consecutive frames per intensity bin (a bin is chosen by an
/// independent fourth frame), kept separately for two halves of the movie. A second difference cancels a signal that changes
/// linearly over three frames (a decaying transient, bleaching, drift), which a first difference does not; its variance is
/// 6σ² for noise of variance σ². Each bin keeps, per power-of-two bucket of d², the samples, Σd² and Σlevel, so that a bin's
/// variance can later be recomputed without its outlying differences (scene changes) and without a second pass. Samples that
/// touch a clip level are left out and counted per bin, so that bins they distort can be left out of the fit. The bins double
/// in width when a level falls outside them, so memory does not depend on the movie.
/// </summary>
internal sealed class DifferenceBinGrid
{
    public const int BinCount = 256;
    public const int Buckets = 64;
    public const int Halves = 2;

    /// <summary>Var(a − 2b + c) = 6σ² for independent noise of variance σ².</summary>
    public const double DifferenceVarianceFactor = 6;

    /// <summary>One cache line touched per pixel: the three sums of a (bin, bucket) cell sit together.</summary>
    private struct Cell
    {
        public long Count;
        public double SumD2;
        public double SumM;
    }

    private readonly Cell[] _cells = new Cell[Halves * BinCount * Buckets];
    private readonly long[] _clipped = new long[Halves * BinCount];
    private double _origin;
    private double _width;
    private double _invWidth;
    private int _exponentOffset;
    private bool _initialized;

    public double Origin => _origin;
    public double Width => _width;
    public int ExponentOffset => _exponentOffset;

    /// <summary>Values at or below this level (or at or above <see cref="ClipHigh"/>) are clipped, not measured.</summary>
    public double ClipLow { get; set; } = double.NegativeInfinity;
    public double ClipHigh { get; set; } = double.PositiveInfinity;

    /// <summary>Statistics of one half (0 or 1), or of both with <paramref name="half"/> = −1.</summary>
    public long Count(int bin, int bucket, int half = -1) => half >= 0 ? _cells[Index(half, bin, bucket)].Count : _cells[Index(0, bin, bucket)].Count + _cells[Index(1, bin, bucket)].Count;
    public double SumD2(int bin, int bucket, int half = -1) => half >= 0 ? _cells[Index(half, bin, bucket)].SumD2 : _cells[Index(0, bin, bucket)].SumD2 + _cells[Index(1, bin, bucket)].SumD2;
    public double SumM(int bin, int bucket, int half = -1) => half >= 0 ? _cells[Index(half, bin, bucket)].SumM : _cells[Index(0, bin, bucket)].SumM + _cells[Index(1, bin, bucket)].SumM;

    /// <summary>Samples of a bin left out because a value touched a clip level.</summary>
    public long Clipped(int bin, int half = -1) => half >= 0 ? _clipped[half * BinCount + bin] : _clipped[bin] + _clipped[BinCount + bin];

    private static int Index(int half, int bin, int bucket) => (half * BinCount + bin) * Buckets + bucket;

    /// <summary>Lower bound of d² in <paramref name="bucket"/> (bucket 0 also holds d² = 0 and everything smaller).</summary>
    public double BucketLowerD2(int bucket) => bucket == 0 ? 0 : Math.Pow(2, bucket + _exponentOffset);

    /// <summary>Sets the first grid from the first triple: the key range spread over three quarters of the bins.</summary>
    public void Initialize(double minKey, double maxKey, bool integerLevels, double typicalD2)
    {
        double range = maxKey - minKey;
        double width = range / (BinCount * 0.75);
        if (integerLevels)
        {
            width = Math.Max(width, 1.0 / 64);
        }
        else if (!(width > 0))
        {
            width = Math.Max(Math.Abs(minKey) * 1e-6, 1e-12);
        }
        _width = width;
        _invWidth = 1.0 / width;
        _origin = minKey - (BinCount * 0.125) * width;
        // Integers: d² ≥ 1 unless zero, so buckets start at 2^0. Floats: centre the typical d² in the bucket range.
        _exponentOffset = integerLevels || !(typicalD2 > 0) ? -1 : Exponent(typicalD2) - 24;
        _initialized = true;
    }

    public bool IsInitialized => _initialized;

    /// <summary>
    /// Adds the second differences of the triple (<paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>) to half
    /// <paramref name="half"/>, each pixel binned by <paramref name="key"/>. Non-finite pixels are skipped; returns how many.
    /// </summary>
    public long Add(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> key, int half)
    {
        const double Sixth = 1.0 / 6;
        long skipped = 0;
        Cell[] cells = _cells;
        long[] clipped = _clipped;
        int offset = _exponentOffset;
        double origin = _origin, invWidth = _invWidth, clipLow = ClipLow, clipHigh = ClipHigh;
        int halfCells = half * BinCount * Buckets, halfBins = half * BinCount;
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i], y = b[i], z = c[i];
            double d = x - 2 * y + z;
            double pos = (key[i] - origin) * invWidth;
            if (!(pos >= 0 && pos < BinCount))
            {
                if (double.IsNaN(d) || double.IsInfinity(d) || double.IsNaN(key[i]) || double.IsInfinity(key[i])) { skipped++; continue; }
                Grow(key[i]);
                origin = _origin; invWidth = _invWidth;
                pos = (key[i] - origin) * invWidth;
            }
            if (x <= clipLow || y <= clipLow || z <= clipLow || x >= clipHigh || y >= clipHigh || z >= clipHigh)
            {
                clipped[halfBins + (int)pos]++;
                continue;
            }
            double d2 = d * d;
            if (double.IsNaN(d2) || double.IsInfinity(d2)) { skipped++; continue; }
            int e = (int)((BitConverter.DoubleToInt64Bits(d2) >> 52) & 0x7FF) - 1023 - offset;
            if (e < 0) e = 0; else if (e >= Buckets) e = Buckets - 1;
            ref Cell cell = ref cells[halfCells + (int)pos * Buckets + e];
            cell.Count++;
            cell.SumD2 += d2;
            // The level whose noise d measures: Var(d) = σ²(a) + 4σ²(b) + σ²(c).
            cell.SumM += (x + 4 * y + z) * Sixth;
        }
        return skipped;
    }

    private static int Exponent(double v) => (int)((BitConverter.DoubleToInt64Bits(v) >> 52) & 0x7FF) - 1023;

    /// <summary>Doubles the bin width (towards the side where <paramref name="key"/> lies) until the key fits.</summary>
    private void Grow(double key)
    {
        while (true)
        {
            double pos = (key - _origin) * _invWidth;
            if (pos >= 0 && pos < BinCount) return;
            bool down = pos < 0;
            double newOrigin = down ? _origin - BinCount * _width : _origin;
            int shift = down ? BinCount : 0;
            for (int half = 0; half < Halves; half++)
            {
                // In place: moving down, targets lie above their source, so walk from the top.
                for (int step = 0; step < BinCount; step++)
                {
                    int bin = down ? BinCount - 1 - step : step;
                    int target = (bin + shift) / 2;
                    for (int e = 0; e < Buckets; e++)
                    {
                        Cell moved = _cells[Index(half, bin, e)];
                        _cells[Index(half, bin, e)] = default;
                        ref Cell to = ref _cells[Index(half, target, e)];
                        to.Count += moved.Count;
                        to.SumD2 += moved.SumD2;
                        to.SumM += moved.SumM;
                    }
                    long c = _clipped[half * BinCount + bin];
                    _clipped[half * BinCount + bin] = 0;
                    _clipped[half * BinCount + target] += c;
                }
            }
            _origin = newOrigin;
            _width *= 2;
            _invWidth = 1.0 / _width;
        }
    }
}
