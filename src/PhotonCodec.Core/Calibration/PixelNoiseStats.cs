using System;

namespace PhotonCodec.Core.Calibration;

/// <summary>
/// Per-pixel sums of second differences of consecutive triples: the pixel's noise variance (a − 2b + c)²/6 and its matching
/// level (a + 4b + c)/6. Compared with the pixel's total temporal variance they tell stationary pixels (noise only) from
/// pixels whose signal changes (transients), which a bin of samples cannot.
/// </summary>
internal sealed class PixelNoiseStats
{
    private readonly double[] _sumVariance;
    private readonly double[] _sumLevel;

    public PixelNoiseStats(int pixels)
    {
        _sumVariance = new double[pixels];
        _sumLevel = new double[pixels];
    }

    /// <summary>Triples added (a pixel with a non-finite value in any of them has non-finite sums).</summary>
    public int Triples { get; private set; }

    public void Add(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c)
    {
        const double Sixth = 1.0 / 6;
        double[] variance = _sumVariance, level = _sumLevel;
        for (int i = 0; i < variance.Length; i++)
        {
            double x = a[i], y = b[i], z = c[i];
            double d = x - 2 * y + z;
            variance[i] += d * d * Sixth;
            level[i] += (x + 4 * y + z) * Sixth;
        }
        Triples++;
    }

    public double Variance(int pixel) => _sumVariance[pixel] / Triples;
    public double Level(int pixel) => _sumLevel[pixel] / Triples;
}
