using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// The Quantized plan's pass over every frame: the level histogram, the frame sample, and (when parameters were
/// given) each pixel's temporal noise and range. The movie is cut into one contiguous frame range per thread; the
/// calling thread reads (sources are single-reader) a block from each range in turn and each range is accumulated on
/// its own thread, in order, so only the two frames at each range's ends wait for the merge. Every sum is over
/// integer levels (exact in doubles), so the result does not depend on the number of threads.
/// </summary>
internal static class LevelScan
{
    private const int BlockFrames = 8;
    private const int MinFramesPerRange = 4 * BlockFrames;

    public sealed class Result
    {
        public Result(LevelHistogram histogram, PixelTemporalNoise? noise, double[]? pixelMin, double[]? pixelMax)
        {
            Histogram = histogram;
            Noise = noise;
            PixelMin = pixelMin;
            PixelMax = pixelMax;
        }

        public LevelHistogram Histogram { get; }
        public PixelTemporalNoise? Noise { get; }
        public double[]? PixelMin { get; }
        public double[]? PixelMax { get; }
    }

    /// <summary>One frame range's accumulators.</summary>
    private sealed class Range
    {
        private readonly PixelType _type;
        private readonly double[]? _values;

        public Range(IFrameSource source, bool withNoise, int first, int end)
        {
            _type = source.PixelType;
            First = first;
            End = end;
            Next = first;
            int pixels = source.Height * source.Width;
            Histogram = new LevelHistogram(source.PixelType);
            if (!withNoise) return;
            Noise = new PixelTemporalNoise(pixels);
            _values = new double[pixels];
            Min = new double[pixels];
            Max = new double[pixels];
            Min.AsSpan().Fill(double.PositiveInfinity);
            Max.AsSpan().Fill(double.NegativeInfinity);
        }

        public int First { get; }
        public int End { get; }

        /// <summary>The next frame the reader hands this range.</summary>
        public int Next { get; set; }

        public LevelHistogram Histogram { get; }
        public PixelTemporalNoise? Noise { get; }
        public double[]? Min { get; }
        public double[]? Max { get; }
        public BlockingCollection<(int First, int Count, byte[] Frames)>? Queue { get; set; }

        public void Add(int index, ReadOnlySpan<byte> frame)
        {
            Histogram.Add(frame);
            if (Noise is null) return;
            double[] values = _values!, min = Min!, max = Max!;
            PixelConvert.ToDoubles(frame, _type, values);
            Noise.AddFrame(index, values);
            for (int k = 0; k < values.Length; k++)
            {
                double v = values[k];
                if (v < min[k]) min[k] = v;
                if (v > max[k]) max[k] = v;
            }
        }

        public void MergeInto(Range main)
        {
            main.Histogram.Merge(Histogram);
            if (Noise is null) return;
            main.Noise!.Merge(Noise);
            for (int k = 0; k < Min!.Length; k++)
            {
                if (Min[k] < main.Min![k]) main.Min[k] = Min[k];
                if (Max![k] > main.Max![k]) main.Max[k] = Max[k];
            }
        }
    }

    public static Result Run(IFrameSource source, bool withNoise, FrameSample sample, int threads,
        IProgress<ConversionProgress>? progress, CancellationToken cancellationToken)
    {
        int frameCount = source.FrameCount, frameBytes = source.FrameBytes;
        int count = Math.Max(1, Math.Min(threads, frameCount / MinFramesPerRange));
        var ranges = new Range[count];
        for (int p = 0; p < count; p++)
            ranges[p] = new Range(source, withNoise, (int)((long)frameCount * p / count), (int)((long)frameCount * (p + 1) / count));
        if (count == 1)
        {
            var frame = new byte[frameBytes];
            for (int i = 0; i < frameCount; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                source.ReadFrame(i, frame);
                ranges[0].Add(i, frame);
                sample.Offer(i, frame);
                if ((i + 1) % BlockFrames == 0 || i + 1 == frameCount) progress?.Report(new ConversionProgress("Scanning levels", i + 1, frameCount));
            }
            return new Result(ranges[0].Histogram, ranges[0].Noise, ranges[0].Min, ranges[0].Max);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        CancellationToken token = cts.Token;
        var workers = new Task[count];
        for (int p = 0; p < count; p++)
        {
            Range range = ranges[p];
            // Two blocks queued per range: the reader runs at most that far ahead of each thread.
            range.Queue = new BlockingCollection<(int, int, byte[])>(2);
            workers[p] = Task.Run(() =>
            {
                try
                {
                    foreach ((int first, int n, byte[] frames) in range.Queue.GetConsumingEnumerable(token))
                    {
                        try
                        {
                            for (int f = 0; f < n; f++) range.Add(first + f, frames.AsSpan(f * frameBytes, frameBytes));
                        }
                        finally { ArrayPool<byte>.Shared.Return(frames); }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    cts.Cancel();
                    throw;
                }
            }, CancellationToken.None);
        }
        Exception? readFailure = null;
        try
        {
            long done = 0;
            for (bool more = true; more;)
            {
                more = false;
                foreach (Range range in ranges)
                {
                    if (range.Next >= range.End) continue;
                    int first = range.Next, n = Math.Min(BlockFrames, range.End - first);
                    byte[] frames = ArrayPool<byte>.Shared.Rent(n * frameBytes);
                    try
                    {
                        for (int f = 0; f < n; f++)
                        {
                            Span<byte> frame = frames.AsSpan(f * frameBytes, frameBytes);
                            source.ReadFrame(first + f, frame);
                            sample.Offer(first + f, frame);
                        }
                        range.Queue!.Add((first, n, frames), token);
                    }
                    catch
                    {
                        ArrayPool<byte>.Shared.Return(frames);
                        throw;
                    }
                    range.Next = first + n;
                    more |= range.Next < range.End;
                    done += n;
                    progress?.Report(new ConversionProgress("Scanning levels", done, frameCount));
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A worker failed and cancelled the reader: its exception is the one to report (below).
        }
        catch (Exception ex)
        {
            readFailure = ex;
            cts.Cancel();
        }
        finally
        {
            foreach (Range range in ranges) range.Queue!.CompleteAdding();
        }
        try { Task.WaitAll(workers); }
        catch (AggregateException) { }
        foreach (Range range in ranges) range.Queue!.Dispose();
        if (readFailure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(readFailure).Throw();
        cancellationToken.ThrowIfCancellationRequested();
        foreach (Task worker in workers)
            if (worker.Exception?.InnerException is { } e && e is not OperationCanceledException)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();
        cancellationToken.ThrowIfCancellationRequested();
        for (int p = 1; p < count; p++) ranges[p].MergeInto(ranges[0]);
        return new Result(ranges[0].Histogram, ranges[0].Noise, ranges[0].Min, ranges[0].Max);
    }
}
