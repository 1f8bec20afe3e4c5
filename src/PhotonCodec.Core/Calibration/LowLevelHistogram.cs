using System;

namespace PhotonCodec.Core.Calibration;

/// <summary>
/// Histogram of single-frame levels over a fixed window anchored just below the lowest level seen, one bin per level
/// for integer data. The zero-photon peak lives at the bottom of the data, so a window of 65 536 levels holds it
/// for any detector; levels above the window are only counted.
/// </summary>
internal sealed class LowLevelHistogram
{
    public const int Size = 1 << 16;
    private const int Margin = Size / 16;

    private readonly long[] _counts = new long[Size];
    private readonly bool _integerLevels;
    private double _origin;
    private double _width = 1;
    private double _invWidth = 1;
    private bool _initialized;

    public LowLevelHistogram(bool integerLevels) => _integerLevels = integerLevels;

    public long[] Counts => _counts;
    public double Origin => _origin;
    public double Width => _width;
    public long Total { get; private set; }
    public long AboveWindow { get; private set; }
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;
    public long Frames { get; private set; }

    /// <summary>Samples at exactly the lowest level seen (integer data); a large share means the data were clipped there.</summary>
    public long CountAtMin => _integerLevels && Total > 0 && Min - _origin >= 0 && Min - _origin < Size ? _counts[(int)(Min - _origin)] : 0;

    /// <summary>
    /// The lowest level seen when samples pile up there, as clipping leaves them (an offset subtracted and clipped at 0,
    /// or the dtype minimum): far more than the trend of the next two levels predicts. −∞ when there is no pile, as in
    /// photon counting, where the count falls level by level from 0.
    /// </summary>
    public double PileAtMin() => IsPile(Min, +1) ? Min : double.NegativeInfinity;

    /// <summary>The highest level seen when samples pile up there (saturation); +∞ when there is no pile or it lies above the window.</summary>
    public double PileAtMax() => IsPile(Max, -1) ? Max : double.PositiveInfinity;

    private bool IsPile(double level, int towardsData)
    {
        if (Total == 0 || double.IsInfinity(level)) return false;
        double pos = (level - _origin) * _invWidth + (_integerLevels ? 0.5 : 0);
        if (!(pos >= 0 && pos < Size)) return false;
        int i = (int)pos, i1 = i + towardsData, i2 = i + 2 * towardsData;
        if (i2 < 0 || i2 >= Size) return false;
        double c0 = _counts[i], c1 = _counts[i1], c2 = _counts[i2];
        // The next level must be populated: clipping cuts a continuum of noise, while a zero level without read noise
        // (photons many levels apart) leaves the levels above it empty.
        return c0 >= 5 && c1 > 0 && c0 > 2 * c1 * Math.Max(1, c1 / Math.Max(c2, 1));
    }

    /// <summary>Centre of bin <paramref name="index"/>.</summary>
    public double Level(int index) => _origin + (index + (_integerLevels ? 0 : 0.5)) * _width;

    public void Add(ReadOnlySpan<double> frame)
    {
        if (!_initialized) Initialize(frame);
        long[] counts = _counts;
        double lo = Min, hi = Max;
        long above = 0, total = 0;
        double origin = _origin, invWidth = _invWidth, round = _integerLevels ? 0.5 : 0;
        for (int i = 0; i < frame.Length; i++)
        {
            double v = frame[i];
            double pos = (v - origin) * invWidth;
            if (!(pos >= 0 && pos < Size))
            {
                if (double.IsNaN(v) || double.IsInfinity(v)) continue;
                if (pos >= Size) { above++; total++; if (v > hi) hi = v; continue; }
                MoveDown(v);
                counts = _counts;
                origin = _origin;
                pos = (v - origin) * invWidth;
            }
            counts[(int)(pos + round)]++;
            total++;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        Min = lo; Max = hi;
        AboveWindow += above;
        Total += total;
        Frames++;
    }

    private void Initialize(ReadOnlySpan<double> frame)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double v in frame)
        {
            if (double.IsNaN(v) || double.IsInfinity(v)) continue;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        if (double.IsPositiveInfinity(lo)) { lo = 0; hi = 1; }
        if (!_integerLevels)
        {
            double range = hi - lo;
            _width = range > 0 ? range / (Size / 8) : Math.Max(Math.Abs(lo) * 1e-6, 1e-12);
            _invWidth = 1 / _width;
        }
        _origin = _integerLevels ? Math.Floor(lo) - Margin : lo - Margin * _width;
        _initialized = true;
    }

    /// <summary>Re-anchors the window below <paramref name="level"/>; counts pushed out of the top are kept as above-window.</summary>
    private void MoveDown(double level)
    {
        double newOrigin = _integerLevels ? Math.Floor(level) - Margin : level - Margin * _width;
        long shift = (long)Math.Round((_origin - newOrigin) * _invWidth);
        if (shift <= 0) shift = 1;
        for (long i = Size - 1; i >= 0; i--)
        {
            long c = _counts[i];
            if (c == 0) continue;
            _counts[i] = 0;
            long target = i + shift;
            if (target < Size) _counts[target] += c; else AboveWindow += c;
        }
        _origin -= shift * _width;
    }
}
