using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace PhotonCodec.Core.Transform;

/// <summary>
/// Quantizes integer levels in the variance-stabilized domain (<see cref="VarianceStabilizer"/>): code = round((s(level) − s(reference)) / beta),
/// shifted so the lowest level of the movie maps to code 0, and decodes each code to the count-weighted mean
/// of the movie's levels that share it.
/// </summary>
/// <remarks>A built table is immutable: <see cref="Encode"/> and <see cref="Decode"/> may run on many chunks in parallel.</remarks>
public sealed class QuantizationTable
{
    /// <summary>Widest level range encoded through a lookup table; wider 32-bit ranges use the formula per pixel.</summary>
    public const long MaxEncodeTableSpan = 1 << 20;

    private const int MaxUInt8Codes = 256;
    private const int MaxUInt16Codes = 65536;

    private readonly long[] _decodeLut;
    private readonly Array _typedDecodeLut;      // byte[], sbyte[], ushort[], short[], uint[] or int[] of InputType
    private readonly AnscombeParameters? _parameters;
    private readonly VarianceStabilizer? _stabilizer;
    private readonly long _codeOffset;           // raw code of MinLevel
    private readonly byte[]? _encode8;           // code per level MinLevel..MaxLevel
    private readonly ushort[]? _encode16;

    private QuantizationTable(PixelType inputType, PixelType codeType, long[] decodeLut, AnscombeParameters? parameters,
        long minLevel, long maxLevel, long codeOffset, byte[]? encode8, ushort[]? encode16)
    {
        InputType = inputType;
        CodeType = codeType;
        _decodeLut = decodeLut;
        _typedDecodeLut = ToTypedArray(decodeLut, inputType);
        _parameters = parameters;
        _stabilizer = parameters is null ? null : VarianceStabilizer.For(parameters);
        MinLevel = minLevel;
        MaxLevel = maxLevel;
        _codeOffset = codeOffset;
        _encode8 = encode8;
        _encode16 = encode16;
    }

    public PixelType InputType { get; }

    /// <summary><see cref="PixelType.UInt8"/> when every code fits in a byte, else <see cref="PixelType.UInt16"/>.</summary>
    public PixelType CodeType { get; }

    public int CodeCount => _decodeLut.Length;

    /// <summary>Level each code decodes to (a copy).</summary>
    public long[] DecodeLut => (long[])_decodeLut.Clone();

    /// <summary>The parameters the table was built with; null for a decode-only table.</summary>
    public AnscombeParameters? Parameters => _parameters;

    /// <summary>True when built from a histogram; tables read from an archive can only decode.</summary>
    public bool CanEncode => _parameters is not null;

    /// <summary>Lowest encodable level (the histogram's minimum).</summary>
    public long MinLevel { get; }

    /// <summary>Highest encodable level (the histogram's maximum).</summary>
    public long MaxLevel { get; }

    /// <summary>
    /// Builds the encode table over the histogram's [Min, Max] and the decode table from its counts.
    /// Throws <see cref="CodeRangeException"/> when that level range needs more than 65536 codes.
    /// </summary>
    /// <param name="leadingCodes">Unused codes before the first level's (they decode to the lowest level): shifting every
    /// code by a few changes nothing in the error but can change what bitshuffle + zstd make of the codes' bit planes.</param>
    public static QuantizationTable Build(PixelType inputType, AnscombeParameters p, LevelHistogram histogram, int leadingCodes = 0)
    {
        if (leadingCodes < 0) throw new ArgumentOutOfRangeException(nameof(leadingCodes), leadingCodes, "leadingCodes must be ≥ 0.");
        if (p is null) throw new ArgumentNullException(nameof(p));
        if (histogram is null) throw new ArgumentNullException(nameof(histogram));
        p.Validate();
        RequireIntegerInput(inputType);
        if (histogram.Type != inputType)
            throw new ArgumentException($"The histogram counts {histogram.Type} levels but the input type is {inputType}.", nameof(histogram));
        if (histogram.Total == 0)
            throw new ArgumentException("The histogram is empty: there are no levels to build a quantization table for.", nameof(histogram));

        long min = histogram.Min, max = histogram.Max;
        VarianceStabilizer s = VarianceStabilizer.For(p);
        // Decide on the code range in floating point before any integer conversion can overflow.
        double lowCode = Math.Round(s.ScaledOffset(min), MidpointRounding.AwayFromZero);
        double highCode = Math.Round(s.ScaledOffset(max), MidpointRounding.AwayFromZero);
        double required = highCode - lowCode + 1 + leadingCodes;
        if (required > MaxUInt16Codes)
            throw new CodeRangeException(FormattableString.Invariant(
                $"Levels {min}..{max} need {required:0} codes at beta {p.Beta} with gain {p.Gain} levels per photon (zero level {p.ZeroLevel}, read noise {p.ReadNoise}); uint16 codes hold at most {MaxUInt16Codes}. Use a larger beta, check the gain, or store the movie losslessly."))
            { RequiredCodes = required };

        long codeOffset = s.RawCode(min) - leadingCodes;
        int codeCount = (int)(s.RawCode(max) - codeOffset + 1);
        PixelType codeType = codeCount <= MaxUInt8Codes ? PixelType.UInt8 : PixelType.UInt16;

        long span = max - min + 1;
        int[]? codeOfLevel = null;
        if (span <= MaxEncodeTableSpan)
        {
            codeOfLevel = new int[span];
            for (long i = 0; i < span; i++) codeOfLevel[i] = (int)(s.RawCode(min + i) - codeOffset);
        }
        Func<long, int> code = codeOfLevel is not null
            ? level => codeOfLevel[level - min]
            : level => (int)(s.RawCode(level) - codeOffset);

        long[] first = FirstLevels(codeCount, min, max, code);
        long[] decode = DecodeLevels(codeCount, first, histogram, code, s, codeOffset, leadingCodes);

        byte[]? encode8 = null;
        ushort[]? encode16 = null;
        if (codeOfLevel is not null)
        {
            if (codeType == PixelType.UInt8)
            {
                encode8 = new byte[span];
                for (int i = 0; i < encode8.Length; i++) encode8[i] = (byte)codeOfLevel[i];
            }
            else
            {
                encode16 = new ushort[span];
                for (int i = 0; i < encode16.Length; i++) encode16[i] = (ushort)codeOfLevel[i];
            }
        }
        return new QuantizationTable(inputType, codeType, decode, p, min, max, codeOffset, encode8, encode16);
    }

    /// <summary>A decode-only table, as read from an archive's <c>decode_lut</c>.</summary>
    public static QuantizationTable FromDecodeLut(PixelType inputType, PixelType codeType, long[] decodeLut)
    {
        if (decodeLut is null) throw new ArgumentNullException(nameof(decodeLut));
        RequireIntegerInput(inputType);
        int limit = codeType switch
        {
            PixelType.UInt8 => MaxUInt8Codes,
            PixelType.UInt16 => MaxUInt16Codes,
            _ => throw new ArgumentException($"Codes are stored as uint8 or uint16, not {codeType}.", nameof(codeType)),
        };
        if (decodeLut.Length == 0 || decodeLut.Length > limit)
            throw new ArgumentException($"A {codeType} decode table has 1 to {limit} entries, not {decodeLut.Length}.", nameof(decodeLut));
        double lo = inputType.MinValue(), hi = inputType.MaxValue();
        for (int c = 0; c < decodeLut.Length; c++)
            if (decodeLut[c] < lo || decodeLut[c] > hi)
                throw new ArgumentException($"Decode table entry {c} is {decodeLut[c]}, outside the {inputType} range {lo}..{hi}.", nameof(decodeLut));
        return new QuantizationTable(inputType, codeType, (long[])decodeLut.Clone(), null, 0, -1, 0, null, null);
    }

    /// <summary>Code of one level (for inspection and tests; use <see cref="Encode"/> for pixels).</summary>
    public int CodeOf(long level)
    {
        RequireEncoder();
        if (level < MinLevel || level > MaxLevel) throw OutOfTable(level, -1);
        if (_encode8 is not null) return _encode8[level - MinLevel];
        if (_encode16 is not null) return _encode16[level - MinLevel];
        return (int)(_stabilizer!.RawCode(level) - _codeOffset);
    }

    /// <summary>Encodes native <see cref="InputType"/> levels into native <see cref="CodeType"/> codes.</summary>
    public void Encode(ReadOnlySpan<byte> levels, Span<byte> codes)
    {
        RequireEncoder();
        int n = ElementCount(levels.Length, InputType, nameof(levels));
        if (codes.Length < n * CodeType.Size())
            throw new ArgumentException($"{n} levels need {n * CodeType.Size()} code bytes; the destination has {codes.Length}.", nameof(codes));
        if (_encode8 is not null) EncodeThroughTable(levels, codes.Slice(0, n), _encode8);
        else if (_encode16 is not null) EncodeThroughTable(levels, MemoryMarshal.Cast<byte, ushort>(codes.Slice(0, 2 * n)), _encode16);
        else EncodeByFormula(levels, codes, n);
    }

    /// <summary>Decodes native <see cref="CodeType"/> codes into native <see cref="InputType"/> levels. Codes ≥ <see cref="CodeCount"/> throw <see cref="CorruptCodeException"/>.</summary>
    public void Decode(ReadOnlySpan<byte> codes, Span<byte> levels)
    {
        int n = ElementCount(codes.Length, CodeType, nameof(codes));
        if (levels.Length < n * InputType.Size())
            throw new ArgumentException($"{n} codes need {n * InputType.Size()} level bytes; the destination has {levels.Length}.", nameof(levels));
        Span<byte> dst = levels.Slice(0, n * InputType.Size());
        switch (InputType)
        {
            case PixelType.UInt8: DecodeInto(codes, dst, (byte[])_typedDecodeLut); break;
            case PixelType.Int8: DecodeInto(codes, MemoryMarshal.Cast<byte, sbyte>(dst), (sbyte[])_typedDecodeLut); break;
            case PixelType.UInt16: DecodeInto(codes, MemoryMarshal.Cast<byte, ushort>(dst), (ushort[])_typedDecodeLut); break;
            case PixelType.Int16: DecodeInto(codes, MemoryMarshal.Cast<byte, short>(dst), (short[])_typedDecodeLut); break;
            case PixelType.UInt32: DecodeInto(codes, MemoryMarshal.Cast<byte, uint>(dst), (uint[])_typedDecodeLut); break;
            case PixelType.Int32: DecodeInto(codes, MemoryMarshal.Cast<byte, int>(dst), (int[])_typedDecodeLut); break;
        }
    }

    private void DecodeInto<TLevel>(ReadOnlySpan<byte> codes, Span<TLevel> levels, TLevel[] lut) where TLevel : unmanaged
    {
        if (CodeType == PixelType.UInt8)
        {
            for (int i = 0; i < codes.Length; i++)
            {
                int c = codes[i];
                if (c >= lut.Length) throw BadCode(c, i);
                levels[i] = lut[c];
            }
        }
        else
        {
            ReadOnlySpan<ushort> c16 = MemoryMarshal.Cast<byte, ushort>(codes);
            for (int i = 0; i < c16.Length; i++)
            {
                int c = c16[i];
                if (c >= lut.Length) throw BadCode(c, i);
                levels[i] = lut[c];
            }
        }
    }

    private void EncodeThroughTable<TCode>(ReadOnlySpan<byte> levels, Span<TCode> codes, TCode[] table) where TCode : unmanaged
    {
        switch (InputType)
        {
            case PixelType.UInt8:
            {
                int origin = (int)MinLevel;
                for (int i = 0; i < levels.Length; i++)
                {
                    int k = levels[i] - origin;
                    if ((uint)k >= (uint)table.Length) throw OutOfTable(levels[i], i);
                    codes[i] = table[k];
                }
                break;
            }
            case PixelType.Int8:
            {
                ReadOnlySpan<sbyte> s = MemoryMarshal.Cast<byte, sbyte>(levels);
                int origin = (int)MinLevel;
                for (int i = 0; i < s.Length; i++)
                {
                    int k = s[i] - origin;
                    if ((uint)k >= (uint)table.Length) throw OutOfTable(s[i], i);
                    codes[i] = table[k];
                }
                break;
            }
            case PixelType.UInt16:
            {
                ReadOnlySpan<ushort> s = MemoryMarshal.Cast<byte, ushort>(levels);
                int origin = (int)MinLevel;
                for (int i = 0; i < s.Length; i++)
                {
                    int k = s[i] - origin;
                    if ((uint)k >= (uint)table.Length) throw OutOfTable(s[i], i);
                    codes[i] = table[k];
                }
                break;
            }
            case PixelType.Int16:
            {
                ReadOnlySpan<short> s = MemoryMarshal.Cast<byte, short>(levels);
                int origin = (int)MinLevel;
                for (int i = 0; i < s.Length; i++)
                {
                    int k = s[i] - origin;
                    if ((uint)k >= (uint)table.Length) throw OutOfTable(s[i], i);
                    codes[i] = table[k];
                }
                break;
            }
            case PixelType.UInt32:
            {
                ReadOnlySpan<uint> s = MemoryMarshal.Cast<byte, uint>(levels);
                long origin = MinLevel;
                for (int i = 0; i < s.Length; i++)
                {
                    long k = s[i] - origin;
                    if ((ulong)k >= (ulong)table.Length) throw OutOfTable(s[i], i);
                    codes[i] = table[k];
                }
                break;
            }
            case PixelType.Int32:
            {
                ReadOnlySpan<int> s = MemoryMarshal.Cast<byte, int>(levels);
                long origin = MinLevel;
                for (int i = 0; i < s.Length; i++)
                {
                    long k = s[i] - origin;
                    if ((ulong)k >= (ulong)table.Length) throw OutOfTable(s[i], i);
                    codes[i] = table[k];
                }
                break;
            }
        }
    }

    /// <summary>32-bit level ranges too wide for a table: the formula per pixel.</summary>
    private void EncodeByFormula(ReadOnlySpan<byte> levels, Span<byte> codes, int n)
    {
        Span<ushort> c16 = CodeType == PixelType.UInt16 ? MemoryMarshal.Cast<byte, ushort>(codes.Slice(0, 2 * n)) : default;
        for (int i = 0; i < n; i++)
        {
            long level = InputType == PixelType.UInt32
                ? MemoryMarshal.Read<uint>(levels.Slice(4 * i))
                : MemoryMarshal.Read<int>(levels.Slice(4 * i));
            if (level < MinLevel || level > MaxLevel) throw OutOfTable(level, i);
            long c = _stabilizer!.RawCode(level) - _codeOffset;
            if (CodeType == PixelType.UInt8) codes[i] = (byte)c;
            else c16[i] = (ushort)c;
        }
    }

    /// <summary>first[c] = lowest level in [min, max] whose code is ≥ c; first[codeCount] = max + 1. Codes are non-decreasing in the level, so a binary search finds each boundary.</summary>
    private static long[] FirstLevels(int codeCount, long min, long max, Func<long, int> code)
    {
        var first = new long[codeCount + 1];
        first[codeCount] = max + 1;
        long lowerBound = min;
        for (int c = 0; c < codeCount; c++)
        {
            long lo = lowerBound, hi = max + 1;     // answer in [lo, hi]
            while (lo < hi)
            {
                long mid = lo + (hi - lo) / 2;
                if (code(mid) >= c) hi = mid; else lo = mid + 1;
            }
            first[c] = lo;
            lowerBound = lo;
        }
        return first;
    }

    /// <summary>
    /// Count-weighted mean of the levels of each code, rounded to an integer level; the midpoint of the code's levels
    /// when none occurred; for a code no level maps to (steps of s wider than beta), the level nearest its centre.
    /// </summary>
    /// <remarks>
    /// Rounding each mean to the nearest level is the least-squares choice, but when the noise spans only a few levels
    /// the rounding errors of neighbouring codes need not cancel (a third of a level of bias at gain 0.5, beta 1).
    /// So within each window of codes spanning <see cref="BiasWindowInS"/> in s (about four noise σ, at least <see cref="MinBiasWindowCodes"/> codes), codes whose mean
    /// lies closest to halfway are rounded the other way, cheapest first, while that brings the window's count-weighted
    /// rounding error closer to zero. Every decoded value stays within its code's levels and within one level of its mean.
    /// </remarks>
    private static long[] DecodeLevels(int codeCount, long[] first, LevelHistogram histogram, Func<long, int> code,
        VarianceStabilizer s, long codeOffset, int leadingCodes)
    {
        var counts = new long[codeCount];
        var offsetSums = new double[codeCount];     // Σ count·(level − first level of the code): small numbers, exact enough
        foreach (KeyValuePair<long, long> kv in histogram.NonZero())
        {
            int c = code(kv.Key);
            counts[c] += kv.Value;
            offsetSums[c] += (double)kv.Value * (kv.Key - first[c]);
        }
        var means = new double[codeCount];
        var rounded = new double[codeCount];
        for (int c = 0; c < codeCount; c++)
        {
            if (counts[c] == 0) continue;
            means[c] = offsetSums[c] / counts[c];
            rounded[c] = Math.Floor(means[c] + 0.5);
        }
        int window = Math.Max(MinBiasWindowCodes, (int)Math.Ceiling(BiasWindowInS / s.Parameters.Beta));
        for (int start = leadingCodes; start < codeCount; start += window)     // windows as without leading codes
            BalanceRounding(counts, means, rounded, start, Math.Min(codeCount, start + window));

        var lut = new long[codeCount];
        for (int c = 0; c < codeCount; c++)
        {
            long lo = first[c], hi = first[c + 1] - 1;
            if (counts[c] > 0)
            {
                lut[c] = Math.Min(hi, Math.Max(lo, lo + (long)rounded[c]));
            }
            else if (lo <= hi)
            {
                lut[c] = lo + (hi - lo + 1) / 2;
            }
            else if (hi < first[0])
            {
                lut[c] = first[0];      // a leading code: below every level
            }
            else
            {
                double centre = s.LevelAt(c + codeOffset);
                lut[c] = (long)Math.Min(lo, Math.Max(lo - 1, Math.Round(centre)));
            }
        }
        return lut;
    }

    /// <summary>Span of s over which rounding errors of the decode table are balanced (≈ 4 noise σ)…</summary>
    internal const double BiasWindowInS = 4.0;

    /// <summary>…but never fewer codes than this, so that there are enough codes to trade rounding errors between.</summary>
    internal const int MinBiasWindowCodes = 8;

    private static void BalanceRounding(long[] counts, double[] means, double[] rounded, int start, int end)
    {
        double error = 0;
        for (int c = start; c < end; c++) error += counts[c] * (rounded[c] - means[c]);
        while (true)
        {
            // Flipping code c moves the error by ∓counts[c] and costs counts[c]·(1 − 2·|rounded − mean|) in squared error.
            int best = -1;
            double bestCost = double.MaxValue;
            for (int c = start; c < end; c++)
            {
                if (counts[c] == 0) continue;
                double d = rounded[c] - means[c];
                if (d == 0 || Math.Sign(d) != Math.Sign(error)) continue;
                if (Math.Abs(error - Math.Sign(d) * counts[c]) >= Math.Abs(error)) continue;
                double cost = 1 - 2 * Math.Abs(d);
                if (cost < bestCost) { bestCost = cost; best = c; }
            }
            if (best < 0) return;
            double step = rounded[best] > means[best] ? -1 : 1;
            rounded[best] += step;
            error += step * counts[best];
        }
    }

    private static int ElementCount(int byteCount, PixelType type, string paramName)
    {
        int size = type.Size();
        if (byteCount % size != 0)
            throw new ArgumentException($"{byteCount} bytes is not a whole number of {type} elements ({size} bytes each).", paramName);
        return byteCount / size;
    }

    private static void RequireIntegerInput(PixelType inputType)
    {
        if (!LevelHistogram.IsSupported(inputType))
            throw new NotSupportedException($"The photon quantizer encodes 8-, 16- and 32-bit integer levels, not {inputType}.");
    }

    private void RequireEncoder()
    {
        if (!CanEncode) throw new InvalidOperationException("This quantization table was read from a decode table and can only decode.");
    }

    private LevelOutOfTableException OutOfTable(long level, int index) =>
        new($"Level {level}{(index >= 0 ? $" at element {index}" : "")} is outside the range {MinLevel}..{MaxLevel} the quantization table was built for.");

    private CorruptCodeException BadCode(int code, int index) =>
        new($"Code {code} at element {index} is outside the decode table ({CodeCount} codes): the stored data is corrupt or belongs to another table.");

    private static Array ToTypedArray(long[] lut, PixelType type)
    {
        switch (type)
        {
            case PixelType.UInt8: { var a = new byte[lut.Length]; for (int i = 0; i < a.Length; i++) a[i] = (byte)lut[i]; return a; }
            case PixelType.Int8: { var a = new sbyte[lut.Length]; for (int i = 0; i < a.Length; i++) a[i] = (sbyte)lut[i]; return a; }
            case PixelType.UInt16: { var a = new ushort[lut.Length]; for (int i = 0; i < a.Length; i++) a[i] = (ushort)lut[i]; return a; }
            case PixelType.Int16: { var a = new short[lut.Length]; for (int i = 0; i < a.Length; i++) a[i] = (short)lut[i]; return a; }
            case PixelType.UInt32: { var a = new uint[lut.Length]; for (int i = 0; i < a.Length; i++) a[i] = (uint)lut[i]; return a; }
            case PixelType.Int32: { var a = new int[lut.Length]; for (int i = 0; i < a.Length; i++) a[i] = (int)lut[i]; return a; }
            default: throw new NotSupportedException($"The photon quantizer decodes to 8-, 16- and 32-bit integer levels, not {type}.");
        }
    }
}
