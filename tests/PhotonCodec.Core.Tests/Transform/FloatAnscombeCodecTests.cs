using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Tests.Transform;

public sealed class FloatAnscombeCodecTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (double gain in new[] { 0.1, 1, 30, 10000 })
            foreach (double readNoisePhotons in new[] { 0.0, 2.0 })
            {
                foreach (double zero in new[] { 0.0, 200, 1000 })
                    yield return new object[] { PixelType.UInt16, gain, zero, readNoisePhotons };
                foreach (double zero in new[] { -1000.0, -100, 0, 1000 })
                    yield return new object[] { PixelType.Int16, gain, zero, readNoisePhotons };
            }
        yield return new object[] { PixelType.UInt8, 1.0, 10.0, 2.0 };
        yield return new object[] { PixelType.Int8, 0.1, -20.0, 0.0 };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32_RecoversEveryLevelOfTheDtype(PixelType type, double gain, double zero, double readNoisePhotons)
    {
        var p = new AnscombeParameters(gain, zero, readNoisePhotons * gain);
        long[] all = LevelBytes.AllLevels(type);
        byte[] bytes = LevelBytes.From(all, type);
        foreach (PixelType floatType in new[] { PixelType.Float32, PixelType.Float64 })
        {
            var codec = new FloatAnscombeCodec(type, p, floatType);
            var values = new byte[all.Length * floatType.Size()];
            codec.Encode(bytes, values);
            // The stored values are the stabilized values themselves.
            double stored = floatType == PixelType.Float32
                ? MemoryMarshal.Cast<byte, float>(values)[all.Length / 2]
                : MemoryMarshal.Cast<byte, double>(values)[all.Length / 2];
            Assert.Equal(GeneralizedAnscombe.Forward(all[all.Length / 2], p), stored, floatType == PixelType.Float32 ? 1e-3 : 1e-9);
            var back = new byte[bytes.Length];
            codec.Decode(values, back);
            Assert.Equal(bytes, back);
        }
    }

    [Fact]
    public void Float32_WithReadNoiseFarAboveTheGain_IsRefusedNotSilentlyLossy()
    {
        // r = (1000/0.1)² photons²: s ≈ 2·10⁴ moves by 10⁻³ per level, below float32's resolution there.
        var p = new AnscombeParameters(0.1, 0, 1000);
        var e = Assert.Throws<FloatPrecisionException>(() => new FloatAnscombeCodec(PixelType.UInt16, p, PixelType.Float32));
        Assert.Contains("float64", e.Message);
        var codec = new FloatAnscombeCodec(PixelType.UInt16, p, PixelType.Float64);
        long[] all = LevelBytes.AllLevels(PixelType.UInt16);
        byte[] bytes = LevelBytes.From(all, PixelType.UInt16);
        var values = new byte[all.Length * 8];
        codec.Encode(bytes, values);
        var back = new byte[bytes.Length];
        codec.Decode(values, back);
        Assert.Equal(bytes, back);
    }

    [Fact]
    public void ThirtyTwoBitInput_NeedsFloat64AndRoundTrips()
    {
        var p = new AnscombeParameters(2, -5000, 4);
        Assert.Throws<FloatPrecisionException>(() => new FloatAnscombeCodec(PixelType.Int32, p, PixelType.Float32));
        var codec = new FloatAnscombeCodec(PixelType.Int32, p, PixelType.Float64);
        long[] levels = { int.MinValue, -5001, -5000, -4999, 0, 1, 123456789, int.MaxValue };
        byte[] bytes = LevelBytes.From(levels, PixelType.Int32);
        var values = new byte[levels.Length * 8];
        codec.Encode(bytes, values);
        var back = new byte[bytes.Length];
        codec.Decode(values, back);
        Assert.Equal(levels, LevelBytes.ToLevels(back, PixelType.Int32));
    }

    [Fact]
    public void Decode_ValueOutsideTheDtype_Throws()
    {
        var codec = new FloatAnscombeCodec(PixelType.UInt16, new AnscombeParameters(1, 100, 0), PixelType.Float32);
        byte[] values = MemoryMarshal.AsBytes(new float[] { 1e6f, float.NaN }.AsSpan()).ToArray();
        Assert.Throws<CorruptCodeException>(() => codec.Decode(values.AsSpan(0, 4), new byte[2]));
        Assert.Throws<CorruptCodeException>(() => codec.Decode(values.AsSpan(4, 4), new byte[2]));
    }

    [Fact]
    public void NonFloatStorage_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new FloatAnscombeCodec(PixelType.UInt16, new AnscombeParameters(1, 0, 0), PixelType.UInt16));
        Assert.Throws<NotSupportedException>(() => new FloatAnscombeCodec(PixelType.Float32, new AnscombeParameters(1, 0, 0), PixelType.Float32));
    }
}
