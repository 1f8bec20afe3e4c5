using System;
using System.Linq;

namespace PhotonCodec.Core.Tests.Transform;

/// <summary>The one-pass typed array + statistics equal the copy and the two-pass statistics, for every pixel type.</summary>
public sealed class TypedArrayStatisticsTests
{
    [Theory]
    [InlineData(PixelType.UInt8)]
    [InlineData(PixelType.Int8)]
    [InlineData(PixelType.UInt16)]
    [InlineData(PixelType.Int16)]
    [InlineData(PixelType.UInt32)]
    [InlineData(PixelType.Int32)]
    [InlineData(PixelType.Float32)]
    [InlineData(PixelType.Float64)]
    public void OnePassEqualsCopyAndStatistics(PixelType type)
    {
        var rng = new Random((int)type);
        var pixels = new byte[1001 * type.Size()];
        rng.NextBytes(pixels);
        if (type == PixelType.Float32) for (int i = 0; i < 1001; i++) BitConverter.GetBytes((float)(rng.NextDouble() * 200 - 100)).CopyTo(pixels, 4 * i);
        if (type == PixelType.Float64) for (int i = 0; i < 1001; i++) BitConverter.GetBytes(rng.NextDouble() * 200 - 100).CopyTo(pixels, 8 * i);
        Array a = PixelConvert.ToTypedArray(pixels, type, out double min, out double max, out double mean);
        Array b = PixelConvert.ToTypedArray(pixels, type);
        Assert.Equal(b.GetType(), a.GetType());
        Assert.Equal(b.Cast<object>(), a.Cast<object>());
        var (min2, max2, mean2) = PixelConvert.Statistics(pixels, type);
        Assert.Equal(min2, min);
        Assert.Equal(max2, max);
        Assert.Equal(mean2, mean, 9);
        PixelConvert.ToTypedArray(Array.Empty<byte>(), type, out double emptyMin, out _, out _);
        Assert.True(double.IsNaN(emptyMin));
    }
}
