using System;
using System.Runtime.InteropServices;

namespace PhotonCodec.Core.Transform;

/// <summary>
/// Float mode: stores the stabilized values s(level) as float32 or float64 and inverts them exactly.
/// The constructor proves that every level of the input type survives the round trip (all levels of 8- and 16-bit
/// types; for 32-bit types only float64 is accepted, checked at the range ends and around the zero level),
/// and refuses with <see cref="FloatPrecisionException"/> otherwise.
/// </summary>
public sealed class FloatAnscombeCodec
{
    private readonly AnscombeParameters _p;
    private readonly double _zero, _gain, _u0, _s0, _sqrtU0, _inverseSlope;
    private readonly double _minLevel, _maxLevel;

    public FloatAnscombeCodec(PixelType inputType, AnscombeParameters p, PixelType floatType)
    {
        if (p is null) throw new ArgumentNullException(nameof(p));
        p.Validate();
        if (!LevelHistogram.IsSupported(inputType))
            throw new NotSupportedException($"Float mode encodes 8-, 16- and 32-bit integer levels, not {inputType}.");
        if (floatType is not (PixelType.Float32 or PixelType.Float64))
            throw new ArgumentException($"Float mode stores float32 or float64, not {floatType}.", nameof(floatType));
        InputType = inputType;
        FloatType = floatType;
        _p = p;
        _zero = p.ZeroLevel;
        _gain = p.Gain;
        _u0 = 0.375 + p.ReadNoisePhotonVariance;
        _sqrtU0 = Math.Sqrt(_u0);
        _s0 = 2 * _sqrtU0;
        _inverseSlope = 1 / _sqrtU0;
        _minLevel = inputType.MinValue();
        _maxLevel = inputType.MaxValue();
        ProveExactRoundTrip();
    }

    public PixelType InputType { get; }

    public PixelType FloatType { get; }

    public AnscombeParameters Parameters => _p;

    /// <summary>Native levels of <see cref="InputType"/> to native stabilized values of <see cref="FloatType"/>.</summary>
    public void Encode(ReadOnlySpan<byte> levels, Span<byte> values)
    {
        int n = Count(levels.Length, InputType, nameof(levels));
        if (values.Length < n * FloatType.Size())
            throw new ArgumentException($"{n} levels need {n * FloatType.Size()} bytes of {FloatType}; the destination has {values.Length}.", nameof(values));
        int size = InputType.Size();
        var block = new double[Math.Min(n, BlockLength)];
        for (int start = 0; start < n; start += block.Length)
        {
            int count = Math.Min(block.Length, n - start);
            Span<double> s = block.AsSpan(0, count);
            PixelConvert.ToDoubles(levels.Slice(start * size, count * size), InputType, s);
            for (int i = 0; i < s.Length; i++) s[i] = Forward(s[i]);
            if (FloatType == PixelType.Float64)
            {
                s.CopyTo(MemoryMarshal.Cast<byte, double>(values.Slice(8 * start, 8 * count)));
            }
            else
            {
                Span<float> f = MemoryMarshal.Cast<byte, float>(values.Slice(4 * start, 4 * count));
                for (int i = 0; i < s.Length; i++) f[i] = (float)s[i];
            }
        }
    }

    /// <summary>Native stabilized values back to native levels; a value no level maps to (NaN, out of range) throws <see cref="CorruptCodeException"/>.</summary>
    public void Decode(ReadOnlySpan<byte> values, Span<byte> levels)
    {
        int n = Count(values.Length, FloatType, nameof(values));
        if (levels.Length < n * InputType.Size())
            throw new ArgumentException($"{n} values need {n * InputType.Size()} bytes of {InputType}; the destination has {levels.Length}.", nameof(levels));
        int size = InputType.Size();
        var block = new double[Math.Min(n, BlockLength)];
        for (int start = 0; start < n; start += block.Length)
        {
            int count = Math.Min(block.Length, n - start);
            Span<double> s = block.AsSpan(0, count);
            PixelConvert.ToDoubles(values.Slice(start * FloatType.Size(), count * FloatType.Size()), FloatType, s);
            for (int i = 0; i < s.Length; i++)
            {
                double level = Math.Round(Inverse(s[i]));
                if (!(level >= _minLevel && level <= _maxLevel))
                    throw new CorruptCodeException($"Stabilized value {s[i]} at element {start + i} decodes to {level}, outside the {InputType} range: the stored data is corrupt or has other parameters.");
                s[i] = level;
            }
            WriteLevels(s, InputType, levels.Slice(start * size, count * size));
        }
    }

    private const int BlockLength = 16384;

    private static void WriteLevels(ReadOnlySpan<double> s, PixelType type, Span<byte> destination)
    {
        switch (type)
        {
            case PixelType.UInt8: for (int i = 0; i < s.Length; i++) destination[i] = (byte)s[i]; break;
            case PixelType.Int8: for (int i = 0; i < s.Length; i++) destination[i] = (byte)(sbyte)s[i]; break;
            case PixelType.UInt16: { var d = MemoryMarshal.Cast<byte, ushort>(destination); for (int i = 0; i < s.Length; i++) d[i] = (ushort)s[i]; break; }
            case PixelType.Int16: { var d = MemoryMarshal.Cast<byte, short>(destination); for (int i = 0; i < s.Length; i++) d[i] = (short)s[i]; break; }
            case PixelType.UInt32: { var d = MemoryMarshal.Cast<byte, uint>(destination); for (int i = 0; i < s.Length; i++) d[i] = (uint)s[i]; break; }
            default: { var d = MemoryMarshal.Cast<byte, int>(destination); for (int i = 0; i < s.Length; i++) d[i] = (int)s[i]; break; }
        }
    }

    private double Forward(double level)
    {
        double photons = (level - _zero) / _gain;
        return photons >= 0 ? 2 * Math.Sqrt(photons + _u0) : _s0 + photons * _inverseSlope;
    }

    private double Inverse(double s)
    {
        double photons = s >= _s0 ? s * s / 4 - _u0 : (s - _s0) * _sqrtU0;
        return _zero + _gain * photons;
    }

    private double Stored(double level) => FloatType == PixelType.Float32 ? (float)Forward(level) : Forward(level);

    private void ProveExactRoundTrip()
    {
        if (InputType.Size() <= 2)
        {
            for (long level = (long)_minLevel; level <= (long)_maxLevel; level++) RequireExact(level);
            return;
        }
        if (FloatType == PixelType.Float32)
            throw new FloatPrecisionException($"float32 cannot hold the stabilized values of every {InputType} level exactly; use float64.");
        // 32-bit input in float64: the worst spacing is at the ends of the range and where the two branches meet.
        long lo = (long)_minLevel, hi = (long)_maxLevel, z = (long)Math.Round(_zero);
        foreach (long centre in new[] { lo, hi, z })
            for (long d = -1000; d <= 1000; d++)
            {
                long level = centre + d;
                if (level >= lo && level <= hi) RequireExact(level);
            }
    }

    private void RequireExact(long level)
    {
        double back = Math.Round(Inverse(Stored(level)));
        if (back != level)
            throw new FloatPrecisionException(
                $"{FloatType} cannot store the stabilized value of {InputType} level {level} exactly (it decodes to {back}) " +
                $"with gain {_p.Gain}, zero level {_p.ZeroLevel} and read noise {_p.ReadNoise}; use float64.");
    }

    private static int Count(int byteCount, PixelType type, string paramName)
    {
        int size = type.Size();
        if (byteCount % size != 0)
            throw new ArgumentException($"{byteCount} bytes is not a whole number of {type} elements ({size} bytes each).", paramName);
        return byteCount / size;
    }
}
