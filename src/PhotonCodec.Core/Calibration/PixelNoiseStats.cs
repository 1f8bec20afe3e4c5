using System;
#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.InteropServices;
#endif

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
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector.IsHardwareAccelerated && variance.Length >= 2 * Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            var vc = MemoryMarshal.Cast<double, Vector<double>>(c);
            var vVariance = MemoryMarshal.Cast<double, Vector<double>>(variance.AsSpan());
            var vLevel = MemoryMarshal.Cast<double, Vector<double>>(level.AsSpan());
            var sixth = new Vector<double>(Sixth);
            var four = new Vector<double>(4);
            for (int k = 0; k < vVariance.Length; k++)
            {
                Vector<double> x = va[k], y = vb[k], z = vc[k];
                Vector<double> d = x - y - y + z;
                vVariance[k] += d * d * sixth;
                vLevel[k] += (x + four * y + z) * sixth;
            }
            i = vVariance.Length * Vector<double>.Count;
        }
#endif
        for (; i < variance.Length; i++)
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
