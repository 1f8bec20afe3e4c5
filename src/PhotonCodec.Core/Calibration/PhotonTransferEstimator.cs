using System;
using System.Collections.Generic;
using System.Threading;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Calibration;

/// <summary>Estimates gain, zero level and read noise of the detector from a movie (see <see cref="PhotonTransferAccumulator"/>).</summary>
public static class PhotonTransferEstimator
{
    /// <summary>Consecutive frames read together; each run gives Length − 2 triples, every triple binned by a neighbour frame.</summary>
    private const int RunLength = 10;

    /// <summary>Disjoint quadruples below which a movie uses every quadruple for the stationary-pixel statistics.</summary>
    private const int MinDisjointQuadruples = 8;

    /// <summary>Difference samples that fill the intensity bins plenty; larger movies put only every n-th pair into them.</summary>
    private const double GridSamples = 4e6;

    /// <summary>Single-frame samples that shape the zero-photon peak plenty; larger movies put only every n-th frame into the histogram.</summary>
    private const double HistogramSamples = 2e6;

    /// <summary>Estimates from at most <paramref name="maxPairs"/> consecutive-frame pairs spread over the movie, reading each sampled frame once.</summary>
    public static PhotonTransferEstimate Estimate(IFrameSource source, int maxPairs = 200, CancellationToken cancellationToken = default, IProgress<double>? progress = null)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        var bytes = new byte[source.FrameBytes];
        return EstimateCore(source.PixelType, source.Height, source.Width, source.FrameCount, maxPairs,
            (index, destination) =>
            {
                source.ReadFrame(index, bytes);
                PixelConvert.ToDoubles(bytes, source.PixelType, destination);
            },
            cancellationToken, progress);
    }

    /// <summary>Estimates from frames held in memory (native little-endian pixels of <paramref name="type"/>).</summary>
    public static PhotonTransferEstimate Estimate(PixelType type, int height, int width, IReadOnlyList<ReadOnlyMemory<byte>> frames, int maxPairs = 200)
    {
        if (frames is null) throw new ArgumentNullException(nameof(frames));
        int frameBytes = checked(height * width * type.Size());
        return EstimateCore(type, height, width, frames.Count, maxPairs,
            (index, destination) =>
            {
                ReadOnlySpan<byte> frame = frames[index].Span;
                if (frame.Length != frameBytes)
                    throw new ArgumentException($"Frame {index} holds {frame.Length} bytes; a {height}×{width} {type} frame holds {frameBytes}.", nameof(frames));
                PixelConvert.ToDoubles(frame, type, destination);
            },
            CancellationToken.None, null);
    }

    private static PhotonTransferEstimate EstimateCore(PixelType type, int height, int width, int frameCount, int maxPairs,
        Action<int, double[]> readFrame, CancellationToken cancellationToken, IProgress<double>? progress)
    {
        if (maxPairs < 1) throw new ArgumentOutOfRangeException(nameof(maxPairs), maxPairs, "At least one frame pair is needed.");
        if (frameCount < 3)
            throw new PhotonTransferException($"Photon transfer needs at least three frames (it measures the noise as second differences of consecutive frames); the movie has {frameCount}.");
        var accumulator = new PhotonTransferAccumulator(type, height, width);
        IReadOnlyList<(int Start, int Length)> runs = PlanRuns(frameCount, maxPairs);
        int toRead = 0;
        long triples = 0;
        foreach (var run in runs) { toRead += run.Length; triples += Math.Max(run.Length - 2, 0); }
        int pixels = height * width;
        accumulator.GridStride = (int)Math.Max(1, Math.Ceiling(pixels * (double)triples / GridSamples));
        accumulator.HistogramStride = (int)Math.Max(1, Math.Ceiling(pixels * (double)toRead / HistogramSamples));
        // Ring of five: a triple, the frame that bins it, and the next frame being read meanwhile.
        const int Ring = 5;
        // Quadruples (k − 3, k − 2, k − 1 | k) with k ≡ 3 (mod 4) share no frame: they feed the per-pixel statistics.
        // A short movie has too few disjoint quadruples to tell stationary pixels: there every quadruple enters (overlapping ones
        // share frames, so a pixel's key level and its noise samples are slightly correlated; far less bias than transients).
        // Not when the movie is clipped low: there the key frames select pixels away from the clip level, which must not select noise.
        bool shortMovie = triples < 4 * MinDisjointQuadruples;
        bool Disjoint(int k) => k % 4 == 3 || (shortMovie && !accumulator.ClipsLow);
        var buffers = new double[Ring][];
        for (int i = 0; i < buffers.Length; i++) buffers[i] = new double[pixels];
        int read = 0;
        long triple = 0;
        // The first half of the triples (in time) feeds half 0 of the statistics, the rest half 1: the stability check.
        int Half() => triple++ < triples / 2 ? 0 : 1;
        foreach (var (start, length) in runs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            readFrame(start, buffers[0]);
            for (int k = 0; k < length; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double[] frame = buffers[k % Ring];
                // The next frame is read while this one is accumulated: its buffer is the one no pending triple uses.
                int next = k + 1;
                Action? readNext = next < length ? () => readFrame(start + next, buffers[next % Ring]) : null;
                if (k >= 3) accumulator.AddFrameAndTriple(frame, buffers[(k - 3) % Ring], buffers[(k - 2) % Ring], buffers[(k - 1) % Ring], Half(), Disjoint(k), readNext);
                else accumulator.AddFrameAndTriple(frame, null, null, null, 0, false, readNext);
                progress?.Report(++read / (double)toRead);
            }
            // The run's last triple is binned by the frame before it.
            if (length >= 4)
                accumulator.AddTriple(buffers[(length - 3) % Ring], buffers[(length - 2) % Ring], buffers[(length - 1) % Ring], buffers[(length - 4) % Ring], Half());
            else if (length == 3)
                AddTripleByMean(accumulator, buffers[0], buffers[1], buffers[2], buffers[3], Half());
        }
        return accumulator.Fit();
    }

    /// <summary>A run of three frames has no fourth to bin by: its own mean stands in (slightly biased, and only for 3-frame movies).</summary>
    private static void AddTripleByMean(PhotonTransferAccumulator accumulator, double[] a, double[] b, double[] c, double[] key, int half)
    {
        for (int i = 0; i < key.Length; i++) key[i] = (a[i] + b[i] + c[i]) / 3;
        accumulator.AddTriple(a, b, c, key, half);
    }

    /// <summary>Runs of consecutive frames spread evenly over the movie, with at most <paramref name="maxPairs"/> pairs in all.</summary>
    internal static IReadOnlyList<(int Start, int Length)> PlanRuns(int frameCount, int maxPairs)
    {
        if (frameCount - 1 <= maxPairs) return new[] { (0, frameCount) };
        int length = Math.Min(RunLength, maxPairs + 1);
        int runs = Math.Max(1, Math.Min(maxPairs / (length - 1), frameCount / length));
        var plan = new (int, int)[runs];
        for (int r = 0; r < runs; r++)
        {
            int start = runs == 1 ? (frameCount - length) / 2 : (int)Math.Round(r * (frameCount - length) / (double)(runs - 1));
            plan[r] = (start, length);
        }
        return plan;
    }
}
