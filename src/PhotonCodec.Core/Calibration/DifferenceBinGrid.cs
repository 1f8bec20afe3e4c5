using System;

namespace PhotonCodec.Core.Calibration;

/// <summary>
/// Streaming statistics of frame differences per intensity bin. Each bin keeps, per power-of-two bucket of d²,
/// the samples, Σd² and Σm, so that a bin's variance can later be recomputed without its outlying differences
/// (scene changes) and without a second pass. The bins double in width when a level falls outside them,
/// so memory does not depend on the movie.
/// </summary>
internal sealed class DifferenceBinGrid
{
    public const int BinCount = 256;
    public const int Buckets = 64;

    /// <summary>One cache line touched per pixel: the three sums of a (bin, bucket) cell sit together.</summary>
    private struct Cell
    {
        public long Count;
        public double SumD2;
        public double SumM;
    }

    private readonly Cell[] _cells = new Cell[BinCount * Buckets];
    private double _origin;
    private double _width;
    private double _invWidth;
    private int _exponentOffset;
    private bool _initialized;

    public double Origin => _origin;
    public double Width => _width;
    public int ExponentOffset => _exponentOffset;

    public long Count(int bin, int bucket) => _cells[bin * Buckets + bucket].Count;
    public double SumD2(int bin, int bucket) => _cells[bin * Buckets + bucket].SumD2;
    public double SumM(int bin, int bucket) => _cells[bin * Buckets + bucket].SumM;

    /// <summary>Lower bound of d² in <paramref name="bucket"/> (bucket 0 also holds d² = 0 and everything smaller).</summary>
    public double BucketLowerD2(int bucket) => bucket == 0 ? 0 : Math.Pow(2, bucket + _exponentOffset);

    /// <summary>Sets the first grid from the first pair: the key range spread over three quarters of the bins.</summary>
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

    /// <summary>Adds pixels: <paramref name="key"/> chooses the bin, <paramref name="a"/>, <paramref name="b"/> are the pair. Non-finite pixels are skipped; returns how many.</summary>
    public long Add(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> key)
    {
        long skipped = 0;
        Cell[] cells = _cells;
        int offset = _exponentOffset;
        double origin = _origin, invWidth = _invWidth;
        for (int i = 0; i < a.Length; i++)
        {
            double x = a[i], y = b[i];
            double d = x - y;
            double pos = (key[i] - origin) * invWidth;
            if (!(pos >= 0 && pos < BinCount))
            {
                if (double.IsNaN(d) || double.IsInfinity(d) || double.IsNaN(key[i]) || double.IsInfinity(key[i])) { skipped++; continue; }
                Grow(key[i]);
                origin = _origin; invWidth = _invWidth;
                pos = (key[i] - origin) * invWidth;
            }
            double d2 = d * d;
            if (double.IsNaN(d2) || double.IsInfinity(d2)) { skipped++; continue; }
            int e = (int)((BitConverter.DoubleToInt64Bits(d2) >> 52) & 0x7FF) - 1023 - offset;
            if (e < 0) e = 0; else if (e >= Buckets) e = Buckets - 1;
            ref Cell cell = ref cells[(int)pos * Buckets + e];
            cell.Count++;
            cell.SumD2 += d2;
            cell.SumM += 0.5 * (x + y);
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
            // In place: moving down, targets lie above their source, so walk from the top.
            for (int step = 0; step < BinCount; step++)
            {
                int bin = down ? BinCount - 1 - step : step;
                int target = (bin + shift) / 2;
                for (int e = 0; e < Buckets; e++)
                {
                    Cell moved = _cells[bin * Buckets + e];
                    _cells[bin * Buckets + e] = default;
                    ref Cell to = ref _cells[target * Buckets + e];
                    to.Count += moved.Count;
                    to.SumD2 += moved.SumD2;
                    to.SumM += moved.SumM;
                }
            }
            _origin = newOrigin;
            _width *= 2;
            _invWidth = 1.0 / _width;
        }
    }
}
