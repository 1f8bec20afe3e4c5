using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PhotonCodec.Core.Pipeline;

/// <summary>One frame a <see cref="FrameReader"/> read: its pixels, or why its chunk could not be read.</summary>
public readonly struct FrameRead
{
    internal FrameRead(int index, ReadOnlyMemory<byte> pixels, Exception? error, int chunkFirst, int chunkLast)
    {
        Index = index;
        Pixels = pixels;
        Error = error;
        ChunkFirst = chunkFirst;
        ChunkLast = chunkLast;
    }

    public int Index { get; }

    /// <summary>The frame's native pixels; valid until the enumeration moves on. Empty when <see cref="Error"/> is set.</summary>
    public ReadOnlyMemory<byte> Pixels { get; }

    /// <summary>Null, or what reading the frames of its chunk threw (every requested frame of that chunk carries it).</summary>
    public Exception? Error { get; }

    /// <summary>The frames of the piece that decodes on its own holding this frame (chunk, or inner chunk of a shard).</summary>
    public int ChunkFirst { get; }

    public int ChunkLast { get; }

    public int Chunk(int framesPerChunk) => ChunkFirst / framesPerChunk;
}

/// <summary>
/// The read planner: frames of an archive in the order asked for (a list with repeats, or a range), as levels or as
/// the stored values. Consecutive requested frames in one chunk are read together, once (one decode per run); runs
/// are decoded ahead on the thread pool (as many as there are cores) while the caller uses the current one, so a
/// sequential read keeps both cores busy. A run of a few frames from a large chunk decodes only the Blosc blocks /
/// inner chunks holding them (<see cref="PhotonArchive.ReadFrames"/>). A chunk that cannot be read fails only its
/// own frames: each comes back with <see cref="FrameRead.Error"/> and the rest are read.
/// </summary>
public sealed class FrameReader
{
    private readonly PhotonArchive _archive;
    private readonly int _readAhead;
    private int _runsRead;

    public FrameReader(PhotonArchive archive, bool raw = false, int readAhead = -1)
    {
        _archive = archive ?? throw new ArgumentNullException(nameof(archive));
        Raw = raw;
        Type = raw ? archive.StoredType : archive.OriginalType;
        FrameBytes = archive.FramePixels * Type.Size();
        _readAhead = readAhead >= 0 ? readAhead : Environment.ProcessorCount;
    }

    public bool Raw { get; }

    /// <summary>The pixel type of the frames returned.</summary>
    public PixelType Type { get; }

    public int FrameBytes { get; }

    /// <summary>Runs (consecutive requested frames in one chunk) read so far: one decode each.</summary>
    public int RunsRead => Volatile.Read(ref _runsRead);

    public IEnumerable<FrameRead> Read(int first, int count, CancellationToken cancellation = default)
    {
        if (first < 0 || count < 0 || (long)first + count > _archive.FrameCount)
            throw new ArgumentOutOfRangeException(nameof(first), $"Frames {first}..{first + count - 1} are outside 0..{_archive.FrameCount - 1}.");
        var frames = new int[count];
        for (int i = 0; i < count; i++) frames[i] = first + i;
        return Read(frames, cancellation);
    }

    /// <param name="frames">frame indices (0..FrameCount−1), in the order wanted; repeats allowed.</param>
    public IEnumerable<FrameRead> Read(IReadOnlyList<int> frames, CancellationToken cancellation = default)
    {
        foreach (int f in frames)
            if (f < 0 || f >= _archive.FrameCount)
                throw new ArgumentOutOfRangeException(nameof(frames), $"Frame {f} is outside 0..{_archive.FrameCount - 1}.");
        return ReadRuns(Plan(frames), frames, cancellation);
    }

    /// <summary>Requested positions [Start, End) share one chunk and read frames [Lo, Hi] together.</summary>
    private readonly record struct Run(int Start, int End, int Lo, int Hi);

    private List<Run> Plan(IReadOnlyList<int> frames)
    {
        int perChunk = _archive.FramesPerChunk;
        var runs = new List<Run>();
        for (int k = 0; k < frames.Count;)
        {
            int chunk = frames[k] / perChunk, lo = frames[k], hi = frames[k], start = k;
            while (++k < frames.Count && frames[k] / perChunk == chunk)
            {
                lo = Math.Min(lo, frames[k]);
                hi = Math.Max(hi, frames[k]);
            }
            runs.Add(new Run(start, k, lo, hi));
        }
        return runs;
    }

    private IEnumerable<FrameRead> ReadRuns(List<Run> runs, IReadOnlyList<int> frames, CancellationToken cancellation)
    {
        int perChunk = _archive.FramesPerChunk;
        var pending = new Queue<Task<byte[]>>();
        int started = 0;
        for (int r = 0; r < runs.Count; r++)
        {
            cancellation.ThrowIfCancellationRequested();
            while (started < runs.Count && (started <= r || pending.Count < _readAhead + 1))
            {
                Run next = runs[started++];
                // The first run is read on the caller's thread: a one-frame request never waits for the pool.
                pending.Enqueue(started == 1 ? DecodeNow(next) : Task.Run(() => Decode(next), cancellation));
            }
            Run run = runs[r];
            Task<byte[]> task = pending.Dequeue();
            byte[]? pixels = null;
            Exception? error = null;
            try
            {
                pixels = task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception ex)
            {
                error = ex;
            }
            int chunkFirst = run.Lo / perChunk * perChunk, chunkLast = Math.Min(_archive.FrameCount, chunkFirst + perChunk) - 1;
            for (int k = run.Start; k < run.End; k++)
            {
                int f = frames[k];
                yield return error is null
                    ? new FrameRead(f, pixels.AsMemory((f - run.Lo) * FrameBytes, FrameBytes), null, chunkFirst, chunkLast)
                    : new FrameRead(f, ReadOnlyMemory<byte>.Empty, error, chunkFirst, chunkLast);
            }
        }
    }

    private Task<byte[]> DecodeNow(Run run)
    {
        try
        {
            return Task.FromResult(Decode(run));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromException<byte[]>(ex);
        }
    }

    private byte[] Decode(Run run)
    {
        var buffer = new byte[checked((run.Hi - run.Lo + 1) * FrameBytes)];
        _archive.ReadFrames(run.Lo, run.Hi - run.Lo + 1, buffer, Raw);
        Interlocked.Increment(ref _runsRead);
        return buffer;
    }
}
