using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace PhotonCodec.Core.Pipeline;

/// <summary>Counts of stored values, for the order-0 entropy: the bound a per-pixel coder cannot beat.</summary>
internal sealed class ValueHistogram
{
    private readonly PixelType _type;
    private readonly long[]? _dense;
    private readonly Dictionary<ulong, long>? _sparse;
    private long _total;

    public ValueHistogram(PixelType type)
    {
        _type = type;
        if (type.Size() <= 2) _dense = new long[1 << (8 * type.Size())];
        else _sparse = new Dictionary<ulong, long>();
    }

    public void Add(ReadOnlySpan<byte> values)
    {
        int size = _type.Size();
        _total += values.Length / size;
        if (_dense is not null)
        {
            if (size == 1) foreach (byte b in values) _dense[b]++;
            else foreach (ushort v in MemoryMarshal.Cast<byte, ushort>(values)) _dense[v]++;
            return;
        }
        if (size == 4)
        {
            foreach (uint v in MemoryMarshal.Cast<byte, uint>(values)) Increment(v);
        }
        else
        {
            foreach (ulong v in MemoryMarshal.Cast<byte, ulong>(values)) Increment(v);
        }
    }

    private void Increment(ulong key)
    {
        _sparse!.TryGetValue(key, out long c);
        _sparse[key] = c + 1;
    }

    public void Merge(ValueHistogram other)
    {
        _total += other._total;
        if (_dense is not null)
        {
            for (int i = 0; i < _dense.Length; i++) _dense[i] += other._dense![i];
            return;
        }
        foreach (var kv in other._sparse!)
        {
            _sparse!.TryGetValue(kv.Key, out long c);
            _sparse[kv.Key] = c + kv.Value;
        }
    }

    /// <summary>Shannon entropy of the value distribution, bits per value.</summary>
    public double EntropyBits()
    {
        if (_total == 0) return 0;
        double h = 0, n = _total;
        IEnumerable<long> counts = _dense is not null ? _dense : _sparse!.Values;
        foreach (long c in counts)
        {
            if (c == 0) continue;
            double p = c / n;
            h -= p * Math.Log(p, 2);
        }
        return h;
    }
}
