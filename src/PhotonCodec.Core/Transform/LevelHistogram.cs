using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace PhotonCodec.Core.Transform;

/// <summary>
/// How often each integer level occurs in a movie. 8- and 16-bit types count into a dense array over the whole
/// dtype range; 32-bit types count densely over the observed range while it spans at most
/// <see cref="DenseSpanLimit"/> levels, and in a dictionary beyond that.
/// </summary>
public sealed class LevelHistogram
{
    /// <summary>Widest observed 32-bit range still counted in a dense array.</summary>
    public const long DenseSpanLimit = 1 << 20;

    private long[]? _dense;
    private long _denseOrigin;          // level of _dense[0]
    private Dictionary<long, long>? _sparse;
    private long _min = long.MaxValue;
    private long _max = long.MinValue;

    public LevelHistogram(PixelType type)
    {
        if (!IsSupported(type))
            throw new NotSupportedException($"LevelHistogram counts 8-, 16- and 32-bit integer levels, not {type}.");
        Type = type;
        if (type.Size() <= 2)
        {
            _dense = new long[1 << (8 * type.Size())];
            _denseOrigin = (long)type.MinValue();
        }
    }

    internal static bool IsSupported(PixelType type) =>
        type is PixelType.UInt8 or PixelType.Int8 or PixelType.UInt16 or PixelType.Int16 or PixelType.UInt32 or PixelType.Int32;

    public PixelType Type { get; }

    /// <summary>Number of pixels counted.</summary>
    public long Total { get; private set; }

    /// <summary>Lowest level counted.</summary>
    public long Min => Total > 0 ? _min : throw new InvalidOperationException("The histogram is empty: it has no minimum.");

    /// <summary>Highest level counted.</summary>
    public long Max => Total > 0 ? _max : throw new InvalidOperationException("The histogram is empty: it has no maximum.");

    public long Count(long level)
    {
        if (_sparse is not null) return _sparse.TryGetValue(level, out long c) ? c : 0;
        if (_dense is null) return 0;
        long i = level - _denseOrigin;
        return i >= 0 && i < _dense.Length ? _dense[i] : 0;
    }

    /// <summary>Counts native-endian pixels of <see cref="Type"/>.</summary>
    public void Add(ReadOnlySpan<byte> pixels)
    {
        int size = Type.Size();
        if (pixels.Length % size != 0)
            throw new ArgumentException($"{pixels.Length} bytes is not a whole number of {Type} pixels ({size} bytes each).", nameof(pixels));
        if (pixels.Length == 0) return;
        switch (Type)
        {
            case PixelType.UInt8: CountBytes(pixels, _dense!, 0); break;
            case PixelType.Int8: CountBytes(pixels, _dense!, 128); break;
            case PixelType.UInt16: CountUInt16(MemoryMarshal.Cast<byte, ushort>(pixels), _dense!); break;
            case PixelType.Int16: CountInt16(MemoryMarshal.Cast<byte, short>(pixels), _dense!); break;
            case PixelType.UInt32: AddUInt32(MemoryMarshal.Cast<byte, uint>(pixels)); break;
            case PixelType.Int32: AddInt32(MemoryMarshal.Cast<byte, int>(pixels)); break;
        }
        Total += pixels.Length / size;
        if (Type.Size() <= 2) UpdateDenseExtremes();
    }

    /// <summary>Adds the counts of <paramref name="other"/> (same pixel type) to this histogram.</summary>
    public void Merge(LevelHistogram other)
    {
        if (other is null) throw new ArgumentNullException(nameof(other));
        if (other.Type != Type) throw new ArgumentException($"Cannot merge a {other.Type} histogram into a {Type} histogram.", nameof(other));
        if (other.Total == 0) return;
        if (Type.Size() <= 2)
        {
            for (int i = 0; i < _dense!.Length; i++) _dense[i] += other._dense![i];
            Total += other.Total;
            UpdateDenseExtremes();
            return;
        }
        EnsureRange(other._min, other._max);
        foreach (var kv in other.NonZero()) AddCount(kv.Key, kv.Value);
        Total += other.Total;
    }

    /// <summary>Levels with a non-zero count, in increasing level order.</summary>
    internal IEnumerable<KeyValuePair<long, long>> NonZero()
    {
        if (_sparse is not null)
        {
            var keys = new List<long>(_sparse.Keys);
            keys.Sort();
            foreach (long k in keys) yield return new KeyValuePair<long, long>(k, _sparse[k]);
            yield break;
        }
        if (_dense is null) yield break;
        for (int i = 0; i < _dense.Length; i++)
            if (_dense[i] != 0) yield return new KeyValuePair<long, long>(_denseOrigin + i, _dense[i]);
    }

    private void UpdateDenseExtremes()
    {
        long[] d = _dense!;
        int lo = 0;
        while (d[lo] == 0) lo++;
        int hi = d.Length - 1;
        while (d[hi] == 0) hi--;
        _min = _denseOrigin + lo;
        _max = _denseOrigin + hi;
    }

    private static void CountBytes(ReadOnlySpan<byte> s, long[] counts, int bias)
    {
        for (int i = 0; i < s.Length; i++) counts[(s[i] + bias) & 0xFF]++;
    }

    private static void CountUInt16(ReadOnlySpan<ushort> s, long[] counts)
    {
        for (int i = 0; i < s.Length; i++) counts[s[i]]++;
    }

    private static void CountInt16(ReadOnlySpan<short> s, long[] counts)
    {
        for (int i = 0; i < s.Length; i++) counts[s[i] + 32768]++;
    }

    private void AddUInt32(ReadOnlySpan<uint> s)
    {
        uint lo = uint.MaxValue, hi = 0;
        for (int i = 0; i < s.Length; i++) { uint v = s[i]; if (v < lo) lo = v; if (v > hi) hi = v; }
        EnsureRange(lo, hi);
        if (_sparse is not null) { for (int i = 0; i < s.Length; i++) AddCount(s[i], 1); return; }
        long[] d = _dense!;
        long origin = _denseOrigin;
        for (int i = 0; i < s.Length; i++) d[s[i] - origin]++;
    }

    private void AddInt32(ReadOnlySpan<int> s)
    {
        int lo = int.MaxValue, hi = int.MinValue;
        for (int i = 0; i < s.Length; i++) { int v = s[i]; if (v < lo) lo = v; if (v > hi) hi = v; }
        EnsureRange(lo, hi);
        if (_sparse is not null) { for (int i = 0; i < s.Length; i++) AddCount(s[i], 1); return; }
        long[] d = _dense!;
        long origin = _denseOrigin;
        for (int i = 0; i < s.Length; i++) d[s[i] - origin]++;
    }

    private void AddCount(long level, long count)
    {
        if (_sparse is not null)
        {
            _sparse.TryGetValue(level, out long c);
            _sparse[level] = c + count;
        }
        else
        {
            _dense![level - _denseOrigin] += count;
        }
    }

    /// <summary>Widens the 32-bit storage so that [lo, hi] can be counted, and updates Min/Max.</summary>
    private void EnsureRange(long lo, long hi)
    {
        long oldMin = _min, oldMax = _max;
        long newMin = Math.Min(_min, lo), newMax = Math.Max(_max, hi);
        _min = newMin;
        _max = newMax;
        if (_sparse is not null) return;
        if (newMax - newMin + 1 > DenseSpanLimit)
        {
            var sparse = new Dictionary<long, long>();
            if (_dense is not null)
                for (int i = 0; i < _dense.Length; i++)
                    if (_dense[i] != 0) sparse[_denseOrigin + i] = _dense[i];
            _sparse = sparse;
            _dense = null;
            return;
        }
        if (_dense is not null && newMin >= _denseOrigin && newMax < _denseOrigin + _dense.Length) return;
        // Grow with head-room on both sides (up to the dense limit) so a slowly widening range does not copy every time.
        long span = newMax - newMin + 1;
        long length = Math.Min(DenseSpanLimit, Math.Max(span * 2, 1024));
        long origin = newMin - (length - span) / 2;
        var grown = new long[length];
        if (_dense is not null && oldMin <= oldMax)
            Array.Copy(_dense, oldMin - _denseOrigin, grown, oldMin - origin, oldMax - oldMin + 1);
        _dense = grown;
        _denseOrigin = origin;
    }
}
