using System;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Tests.Transform;

public sealed class LevelHistogramTests
{
    [Theory]
    [InlineData(PixelType.UInt8)]
    [InlineData(PixelType.Int8)]
    [InlineData(PixelType.UInt16)]
    [InlineData(PixelType.Int16)]
    [InlineData(PixelType.UInt32)]
    [InlineData(PixelType.Int32)]
    public void CountsMatchANaiveTallyIncludingTheDtypeExtremes(PixelType type)
    {
        long lo = (long)type.MinValue(), hi = (long)type.MaxValue();
        var rng = new Random(3);
        var levels = new long[5000];
        long narrowLo = Math.Max(lo, -300), narrowHi = Math.Min(hi, 900);
        for (int i = 0; i < levels.Length; i++) levels[i] = narrowLo + rng.Next((int)(narrowHi - narrowLo + 1));
        var h = new LevelHistogram(type);
        h.Add(LevelBytes.From(levels, type));
        var extremes = new LevelHistogram(type);
        extremes.Add(LevelBytes.From(new[] { lo, hi, hi }, type));
        h.Merge(extremes);

        Assert.Equal(levels.Length + 3, h.Total);
        Assert.Equal(lo, h.Min);
        Assert.Equal(hi, h.Max);
        Assert.Equal(2 + CountOf(levels, hi), h.Count(hi));
        Assert.Equal(1 + CountOf(levels, lo), h.Count(lo));
        for (long v = narrowLo; v <= narrowHi; v += 37)
            Assert.Equal(CountOf(levels, v) + (v == lo ? 1 : 0) + (v == hi ? 2 : 0), h.Count(v));
    }

    [Fact]
    public void ThirtyTwoBitRangeGrowingInSteps_KeepsEveryCount()
    {
        var h = new LevelHistogram(PixelType.Int32);
        h.Add(LevelBytes.From(new long[] { 10, 10, 11 }, PixelType.Int32));
        h.Add(LevelBytes.From(new long[] { 600, -2000 }, PixelType.Int32));        // dense array grows both ways
        h.Add(LevelBytes.From(new long[] { 5_000_000, 10 }, PixelType.Int32));     // span beyond the dense limit: dictionary
        Assert.Equal(3, h.Count(10));
        Assert.Equal(1, h.Count(11));
        Assert.Equal(1, h.Count(600));
        Assert.Equal(1, h.Count(-2000));
        Assert.Equal(1, h.Count(5_000_000));
        Assert.Equal(0, h.Count(12));
        Assert.Equal(-2000, h.Min);
        Assert.Equal(5_000_000, h.Max);
        Assert.Equal(7, h.Total);
    }

    [Fact]
    public void BadInput_Throws()
    {
        Assert.Throws<NotSupportedException>(() => new LevelHistogram(PixelType.Float32));
        var h = new LevelHistogram(PixelType.UInt16);
        Assert.Throws<ArgumentException>(() => h.Add(new byte[3]));
        Assert.Throws<InvalidOperationException>(() => h.Min);
        Assert.Throws<ArgumentException>(() => h.Merge(new LevelHistogram(PixelType.Int16)));
    }

    private static long CountOf(long[] levels, long v)
    {
        long n = 0;
        foreach (long x in levels) if (x == v) n++;
        return n;
    }
}
