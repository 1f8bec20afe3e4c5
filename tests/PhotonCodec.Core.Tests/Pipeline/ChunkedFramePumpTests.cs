using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Pipeline;

public sealed class ChunkedFramePumpTests
{
    /// <summary>Records reports on the reporting thread (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Recorder : IProgress<ConversionProgress>
    {
        private readonly List<ConversionProgress> _reports;
        public Recorder(List<ConversionProgress> reports) => _reports = reports;
        public void Report(ConversionProgress value) { lock (_reports) _reports.Add(value); }
    }

    private static InMemoryFrameSource Movie(int frames, int height = 16, int width = 16)
    {
        var bytes = new byte[frames * height * width * 2];
        new Random(frames).NextBytes(bytes);
        return new InMemoryFrameSource(bytes, PixelType.UInt16, frames, height, width);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NeverHoldsMoreChunksThanThreads(int threads)
    {
        const int chunkFrames = 3;
        int started = 0, finished = 0, maxHeld = 0;
        // Read but not yet sunk: what the pump holds in memory, sampled each time a chunk's reading starts.
        var source = new ObservedFrameSource(Movie(60), index =>
        {
            if (index % chunkFrames != 0) return;
            int held = Interlocked.Increment(ref started) - Volatile.Read(ref finished);
            int seen;
            while ((seen = Volatile.Read(ref maxHeld)) < held && Interlocked.CompareExchange(ref maxHeld, held, seen) != seen) { }
        });
        var sunk = new List<long>();
        ChunkedFramePump.Run(source, chunkFrames, new LosslessTransform(PixelType.UInt16), threads, (in ChunkWork work) =>
        {
            Thread.Sleep(work.ChunkIndex % 3 == 0 ? 5 : 0);   // a slow sink lets the reader run ahead as far as it may
            lock (sunk) sunk.Add(work.ChunkIndex);
            Interlocked.Increment(ref finished);
        }, null, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), sunk.OrderBy(i => i));
        Assert.InRange(maxHeld, 1, threads);
    }

    [Fact]
    public void ReportsProgressOncePerChunk()
    {
        var reports = new List<ConversionProgress>();
        ChunkedFramePump.Run(Movie(25), 10, new LosslessTransform(PixelType.UInt16), 2, (in ChunkWork _) => { },
            new Recorder(reports), CancellationToken.None);
        Assert.Equal(new long[] { 10, 20, 25 }, reports.Select(p => p.FramesDone));
        Assert.All(reports, p => Assert.Equal(25, p.FrameCount));
    }

    [Fact]
    public void AOneChunkMovieCompressedOnEveryCoreIsTheOneThreadArchive()
    {
        // One chunk of 40 frames × 128 × 128 uint16: five Blosc blocks, compressed in parallel with Threads = 4.
        using var dir = new TempDir();
        var bytes = new byte[40 * 128 * 128 * 2];
        var rng = new Random(11);
        for (int i = 0; i < bytes.Length; i += 2) bytes[i] = (byte)(200 + rng.Next(12));
        byte[] Chunk(int threads)
        {
            string dest = dir.File($"t{threads}.zarr");
            PhotonConverter.Convert(new InMemoryFrameSource(bytes, PixelType.UInt16, 40, 128, 128), dest,
                new ConversionOptions { Mode = CodecMode.Lossless, Threads = threads });
            return File.ReadAllBytes(Path.Combine(dest, "0.0.0"));
        }
        byte[] one = Chunk(1);
        Assert.Equal(one, Chunk(4));
        Assert.True(BloscCodec.ReadHeader(one).UncompressedSize / BloscCodec.ReadHeader(one).BlockSize >= 4);
    }
}
