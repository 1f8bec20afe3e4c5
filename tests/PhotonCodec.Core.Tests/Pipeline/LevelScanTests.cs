using System;
using System.IO;
using System.Linq;
using System.Threading;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Pipeline;

public sealed class LevelScanTests
{
    private static InMemoryFrameSource Movie(int frames)
    {
        SyntheticMovie m = SyntheticMovie.Generate(3, 30, 200, 8, PixelType.UInt16, frames, 12, 10, (t, y, x) => 0.5 + (x + y) / 4.0 + t % 7);
        return new InMemoryFrameSource(m.ToBytes(), m.PixelType, m.Frames, m.Height, m.Width);
    }

    [Theory]
    [InlineData(2, 100)]
    [InlineData(3, 131)]
    public void FrameRangesOnSeveralThreadsGiveTheOneThreadScan(int threads, int frames)
    {
        LevelScan.Result one = LevelScan.Run(Movie(frames), true, new FrameSample(Movie(frames)), 1, null, CancellationToken.None);
        LevelScan.Result many = LevelScan.Run(Movie(frames), true, new FrameSample(Movie(frames)), threads, null, CancellationToken.None);
        Assert.Equal(one.Histogram.NonZero().ToArray(), many.Histogram.NonZero().ToArray());
        Assert.Equal(one.Histogram.Total, many.Histogram.Total);
        Assert.Equal(frames - 1, many.Noise!.Pairs);
        Assert.Equal(one.Noise!.Frames, many.Noise.Frames);
        for (int i = 0; i < one.Noise.PixelCount; i++)
        {
            Assert.Equal(one.Noise.Mean(i), many.Noise.Mean(i));
            Assert.Equal(one.Noise.NoiseVariance(i), many.Noise.NoiseVariance(i));
        }
        Assert.Equal(one.PixelMin, many.PixelMin);
        Assert.Equal(one.PixelMax, many.PixelMax);
    }

    [Fact]
    public void ASourceFailureMidScanIsTheErrorReported()
    {
        var source = new ObservedFrameSource(Movie(120), index => { if (index == 77) throw new IOException($"frame {index} unreadable"); });
        var e = Assert.Throws<IOException>(() => LevelScan.Run(source, true, new FrameSample(source), 2, null, CancellationToken.None));
        Assert.Contains("77", e.Message);
    }
}
