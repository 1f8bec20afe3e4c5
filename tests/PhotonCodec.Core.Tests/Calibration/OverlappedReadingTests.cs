using System;
using System.Collections.Generic;
using System.IO;
using PhotonCodec.Core.Calibration;
using PhotonCodec.Core.Sources;

using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Calibration;

/// <summary>The estimator reads the next frame and updates its three statistics concurrently; the result must not depend on it.</summary>
public sealed class OverlappedReadingTests
{
    private const int Frames = 12, Size = 128;

    [Fact]
    public void Concurrent_estimate_equals_the_sequential_accumulation_of_the_same_pairs()
    {
        byte[] bytes = DetectorMovie.Generate(21, 5, 300, 4, PixelType.UInt16, Frames, Size, Size);
        var source = new InMemoryFrameSource(bytes, PixelType.UInt16, Frames, Size, Size);
        PhotonTransferEstimate concurrent = PhotonTransferEstimator.Estimate(source);

        var accumulator = new PhotonTransferAccumulator(PixelType.UInt16, Size, Size);
        const int Triples = Frames - 2;
        int Half(int t) => t < Triples / 2 ? 0 : 1;
        // Twelve unclipped frames are a short movie: every quadruple (not only the disjoint ones) enters the per-pixel statistics.
        for (int k = 0; k < Frames; k++)
        {
            accumulator.AddFrame(source.Frame(k).Span);
            if (k >= 3) accumulator.AddTriple(source.Frame(k - 3).Span, source.Frame(k - 2).Span, source.Frame(k - 1).Span, source.Frame(k).Span, Half(k - 3), disjoint: true);
        }
        accumulator.AddTriple(source.Frame(Frames - 3).Span, source.Frame(Frames - 2).Span, source.Frame(Frames - 1).Span, source.Frame(Frames - 4).Span, Half(Triples - 1));
        PhotonTransferEstimate sequential = accumulator.Fit();

        Assert.Equal(Triples, accumulator.TriplesAdded);
        Assert.Equal(sequential.Gain, concurrent.Gain);
        Assert.Equal(sequential.ZeroLevel, concurrent.ZeroLevel);
        Assert.Equal(sequential.ReadNoise, concurrent.ReadNoise);
        Assert.Equal(sequential.Bins, concurrent.Bins);
        Assert.InRange(concurrent.Gain, 5 * 0.9, 5 * 1.1);
    }

    [Fact]
    public void A_read_failure_surfaces_as_itself_not_wrapped()
    {
        byte[] bytes = DetectorMovie.Generate(22, 5, 300, 4, PixelType.UInt16, Frames, Size, Size);
        var source = new FailingSource(new InMemoryFrameSource(bytes, PixelType.UInt16, Frames, Size, Size), failAt: 5);
        var ex = Assert.Throws<IOException>(() => PhotonTransferEstimator.Estimate(source));
        Assert.Contains("frame 5", ex.Message);
    }

    private sealed class FailingSource : IFrameSource
    {
        private readonly InMemoryFrameSource _inner;
        private readonly int _failAt;

        public FailingSource(InMemoryFrameSource inner, int failAt) { _inner = inner; _failAt = failAt; }

        public string Description => "failing";
        public int FrameCount => _inner.FrameCount;
        public int Height => _inner.Height;
        public int Width => _inner.Width;
        public PixelType PixelType => _inner.PixelType;
        public int FrameBytes => _inner.FrameBytes;
        public IReadOnlyDictionary<string, object?> Metadata => _inner.Metadata;

        public void ReadFrame(int index, Span<byte> destination)
        {
            if (index == _failAt) throw new IOException($"Cannot read frame {index}.");
            _inner.ReadFrame(index, destination);
        }

        public void Dispose() { }
    }
}
