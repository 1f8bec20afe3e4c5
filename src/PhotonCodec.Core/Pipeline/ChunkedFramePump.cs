using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Pipeline;

/// <summary>One chunk on its way through the pump: raw frames (padded to a whole chunk) and their stored form.</summary>
internal readonly ref struct ChunkWork
{
    public ChunkWork(long chunkIndex, int firstFrame, int frames, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> stored)
    {
        ChunkIndex = chunkIndex;
        FirstFrame = firstFrame;
        Frames = frames;
        Raw = raw;
        Stored = stored;
    }

    public long ChunkIndex { get; }
    public int FirstFrame { get; }

    /// <summary>Real frames in the chunk (the last chunk is padded beyond this).</summary>
    public int Frames { get; }

    public ReadOnlySpan<byte> Raw { get; }
    public ReadOnlySpan<byte> Stored { get; }
}

internal delegate void ChunkSink(in ChunkWork work);

/// <summary>
/// Reads a source's frames in order on the calling thread (sources are single-reader), groups them into
/// chunks of <c>chunkFrames</c> (the last padded with zeros, as Zarr pads edge chunks with fill_value 0),
/// and hands each chunk to <see cref="ChunkSink"/> on the thread pool after the transform, so reading overlaps the
/// transform and compression of the chunks before. At most <c>threads</c> chunks are in flight (read, not yet
/// sunk), so memory stays bounded by a few chunks whatever the movie's length. While fewer chunks than threads are
/// in flight (a short movie, the last chunks), a chunk's Blosc blocks are compressed in parallel instead.
/// Progress is reported once per chunk, not per frame.
/// </summary>
internal static class ChunkedFramePump
{
    public static void Run(IFrameSource source, int chunkFrames, IChunkTransform transform, int threads,
        ChunkSink sink, IProgress<ConversionProgress>? progress, CancellationToken cancellationToken)
    {
        int frameBytes = source.FrameBytes;
        int frameCount = source.FrameCount;
        int framePixels = source.Height * source.Width;
        int rawChunkBytes = checked(frameBytes * chunkFrames);
        int storedSize = transform.StoredType.Size();
        int storedChunkBytes = checked(framePixels * chunkFrames * storedSize);
        using var slots = new SemaphoreSlim(threads, threads);
        var pending = new List<Task>();
        Exception? failure = null;
        int chunkCount = (frameCount + chunkFrames - 1) / chunkFrames;
        int inFlight = 0;

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationToken token = cts.Token;
        try
        {
            for (int first = 0, chunk = 0; first < frameCount; first += chunkFrames, chunk++)
            {
                slots.Wait(token);
                Interlocked.Increment(ref inFlight);
                int frames = Math.Min(chunkFrames, frameCount - first);
                byte[] raw = ArrayPool<byte>.Shared.Rent(rawChunkBytes);
                bool handedOff = false;
                try
                {
                    Array.Clear(raw, 0, rawChunkBytes);
                    for (int f = 0; f < frames; f++)
                    {
                        token.ThrowIfCancellationRequested();
                        source.ReadFrame(first + f, raw.AsSpan(f * frameBytes, frameBytes));
                    }
                    progress?.Report(new ConversionProgress("Compressing", first + frames, frameCount));
                    int chunkIndex = chunk, firstFrame = first;
                    pending.Add(Task.Run(() =>
                    {
                        byte[] stored = ArrayPool<byte>.Shared.Rent(storedChunkBytes);
                        // Cores this chunk's blocks may use: all of them when no other chunk is or will be in flight beside it.
                        bool alone = Volatile.Read(ref inFlight) < threads || chunkCount - chunkIndex < threads;
                        BloscCodec.BlockThreads = alone ? threads : 1;
                        try
                        {
                            token.ThrowIfCancellationRequested();
                            // Only real frames go through the transform; padding stays 0, Zarr's fill_value.
                            int realRaw = frames * frameBytes, realStored = frames * framePixels * storedSize;
                            transform.Encode(raw.AsSpan(0, realRaw), stored.AsSpan(0, realStored));
                            stored.AsSpan(realStored, storedChunkBytes - realStored).Clear();
                            sink(new ChunkWork(chunkIndex, firstFrame, frames, raw.AsSpan(0, rawChunkBytes), stored.AsSpan(0, storedChunkBytes)));
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            Interlocked.CompareExchange(ref failure, ex, null);
                            cts.Cancel();
                            throw;
                        }
                        finally
                        {
                            BloscCodec.BlockThreads = 1;
                            ArrayPool<byte>.Shared.Return(stored);
                            ArrayPool<byte>.Shared.Return(raw);
                            Interlocked.Decrement(ref inFlight);
                            slots.Release();
                        }
                    }, CancellationToken.None));
                    handedOff = true;
                }
                finally
                {
                    if (!handedOff)
                    {
                        ArrayPool<byte>.Shared.Return(raw);
                        Interlocked.Decrement(ref inFlight);
                        slots.Release();
                    }
                }
                pending.RemoveAll(t => t.IsCompleted && !t.IsFaulted && !t.IsCanceled);
            }
        }
        catch (OperationCanceledException) when (failure is not null)
        {
            // A worker failed and cancelled the read loop: its exception is the one to report.
        }
        finally
        {
            try { Task.WaitAll(pending.ToArray()); }
            catch (AggregateException) { }
        }
        if (failure is not null)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
