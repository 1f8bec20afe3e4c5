using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace PhotonCodec.Core.Calibration;

/// <summary>
/// Streams consecutive frame triples (each binned by a fourth, independent frame) and single frames into fixed-size statistics
/// and fits the photon-transfer curve variance = Gain·(level − ZeroLevel) + ReadNoise². Memory does not depend on the number of frames.
/// </summary>
public sealed partial class PhotonTransferAccumulator
{
    /// <summary>Differences beyond this multiple of the predicted variance (≈ 6.3σ) are scene changes, not noise.</summary>
    private const double OutlierD2Factor = 40;
    private const double MinR2 = 0.2;
    private const double WarnR2 = 0.9;
    /// <summary>Dark pixels' levels are symmetric read noise; a cluster skewed beyond this holds photons (dim uniform light).</summary>
    private const double MaxDarkSkewness = 0.3;
    /// <summary>Frames at least this large are worth splitting over cores (below, the hand-off costs more than it saves).</summary>
    private const int ParallelPixels = 16384;

    private readonly PixelType _type;
    private readonly int _pixels;
    private readonly int _width;
    private readonly bool _integerLevels;
    private readonly DifferenceBinGrid _grid = new();
    private readonly LowLevelHistogram _histogram;
    private readonly PixelTemporalStats _pixelStats;
    private readonly PixelQuadrupleStats _quadruples;
    private readonly double[] _a, _b, _c, _key;
    private long _skipped;

    public PhotonTransferAccumulator(PixelType type, int height, int width)
    {
        if (height <= 0 || width <= 0) throw new ArgumentOutOfRangeException(nameof(height), $"Frame size {height}×{width} must be positive.");
        _ = type.Size();
        _type = type;
        _pixels = checked(height * width);
        _width = width;
        _integerLevels = type.IsInteger();
        _histogram = new LowLevelHistogram(_integerLevels);
        _pixelStats = new PixelTemporalStats(_pixels);
        _quadruples = new PixelQuadrupleStats(_pixels);
        _a = new double[_pixels];
        _b = new double[_pixels];
        _c = new double[_pixels];
        _key = new double[_pixels];
    }

    public PixelType PixelType => _type;

    /// <summary>Frame triples added so far (each gives one second difference per pixel).</summary>
    public int TriplesAdded { get; private set; }

    /// <summary>
    /// Only every GridStride-th triple given to AddFrameAndTriple enters the intensity bins (all enter the per-pixel noise):
    /// on large frames a fraction of them fills the bins plenty, and the bins are the costliest statistic.
    /// </summary>
    internal int GridStride { get; set; } = 1;

    /// <summary>Every HistogramStride-th frame enters the per-sample level histogram (the zero-photon peak).</summary>
    internal int HistogramStride { get; set; } = 1;

    /// <summary>Whether samples pile up at the lowest level (offset subtracted and clipped at 0): known from the first triple on.</summary>
    internal bool ClipsLow => !double.IsNegativeInfinity(_grid.ClipLow);

    /// <summary>Single frames added to the level statistics so far.</summary>
    public int FramesAdded { get; private set; }

    /// <summary>
    /// Adds the triple of consecutive frames (<paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>) binned by the level of
    /// <paramref name="reference"/>, a fourth frame close in time, to half <paramref name="half"/> (0 or 1) of the movie. The reference's
    /// noise is independent of the triple, so each bin's mean level and variance are unbiased (binning by the triple's own level
    /// selects noise: read noise regresses towards the mean and tilts the line). A <paramref name="disjoint"/> quadruple (sharing no
    /// frame with the previous disjoint one) also enters the per-pixel statistics that give the gain from stationary pixels.
    /// </summary>
    public void AddTriple(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> reference, int half = 0, bool disjoint = false)
    {
        Convert(a, _a, nameof(a));
        Convert(b, _b, nameof(b));
        Convert(c, _c, nameof(c));
        Convert(reference, _key, nameof(reference));
        AddTriple(_a, _b, _c, _key, half);
        if (disjoint && _grid.IsInitialized) _quadruples.Add(_a, _b, _c, _key, half);
    }

    /// <summary>Adds one frame to the level statistics (per-sample histogram, per-pixel means).</summary>
    public void AddFrame(ReadOnlySpan<byte> frame)
    {
        Convert(frame, _key, nameof(frame));
        AddFrame(_key);
    }

    internal void AddTriple(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> key, int half)
    {
        if (a.Length != _pixels || b.Length != _pixels || c.Length != _pixels || key.Length != _pixels)
            throw new ArgumentException($"Frames must hold {_pixels} pixels.");
        if (half is < 0 or >= DifferenceBinGrid.Halves) throw new ArgumentOutOfRangeException(nameof(half), half, "The half is 0 or 1.");
        // Frames given to AddFrame set the clip levels; triples alone must show them.
        if (FramesAdded == 0) _histogram.Add(key);
        if (!EnsureGrid(a, b, c, key)) return;
        _skipped += _grid.Add(a, b, c, key, half);
        TriplesAdded++;
    }

    internal void AddFrame(ReadOnlySpan<double> frame)
    {
        if (frame.Length != _pixels) throw new ArgumentException($"Frames must hold {_pixels} pixels.", nameof(frame));
        if (FramesAdded % HistogramStride == 0) _histogram.Add(frame);
        _pixelStats.Add(frame);
        FramesAdded++;
    }

    /// <summary>
    /// Adds <paramref name="frame"/> to the level statistics and, when given, the triple (<paramref name="a"/>, <paramref name="b"/>,
    /// <paramref name="c"/>) binned by it and to the per-pixel noise, together with <paramref name="concurrently"/> (reading the next
    /// frame). The statistics are independent, so on large frames they run on separate cores.
    /// </summary>
    internal void AddFrameAndTriple(double[] frame, double[]? a, double[]? b, double[]? c, int half, bool disjoint, Action? concurrently)
    {
        bool hasTriple = a is not null;
        if (frame.Length != _pixels || (hasTriple && (b is null || c is null || a!.Length != _pixels || b.Length != _pixels || c.Length != _pixels)))
            throw new ArgumentException($"Frames must hold {_pixels} pixels.");
        if (half is < 0 or >= DifferenceBinGrid.Halves) throw new ArgumentOutOfRangeException(nameof(half), half, "The half is 0 or 1.");
        // The first frame is in the histogram before any triple: it shows the clip levels the bins leave out.
        bool histogramFirst = FramesAdded == 0;
        if (histogramFirst) _histogram.Add(frame);
        bool withTriple = hasTriple && EnsureGrid(a!, b!, c!, frame);
        long skipped = 0;
        var work = new List<Action>(5) { () => _pixelStats.Add(frame) };
        if (!histogramFirst && FramesAdded % HistogramStride == 0) work.Add(() => _histogram.Add(frame));
        if (withTriple)
        {
            if (TriplesAdded % GridStride == 0) work.Add(() => skipped = _grid.Add(a!, b!, c!, frame, half));
            if (disjoint) work.Add(() => _quadruples.Add(a!, b!, c!, frame, half));
        }
        if (concurrently is not null) work.Add(concurrently);
        if (_pixels >= ParallelPixels && Environment.ProcessorCount > 1)
        {
            try
            {
                Parallel.Invoke(work.ToArray());
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
        }
        else
        {
            foreach (Action action in work) action();
        }
        FramesAdded++;
        if (withTriple)
        {
            _skipped += skipped;
            TriplesAdded++;
        }
    }

    /// <summary>Sets up the bins and clip levels from the first triple; false (counted as skipped) when it holds no finite pixel.</summary>
    private bool EnsureGrid(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> key)
    {
        if (_grid.IsInitialized) return true;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity, d2 = 0;
        long n = 0;
        for (int i = 0; i < _pixels; i++)
        {
            double k = key[i], d = a[i] - 2 * b[i] + c[i];
            if (double.IsNaN(k) || double.IsInfinity(k) || double.IsNaN(d) || double.IsInfinity(d)) continue;
            if (k < lo) lo = k;
            if (k > hi) hi = k;
            d2 += d * d;
            n++;
        }
        if (n == 0) { _skipped += _pixels; TriplesAdded++; return false; }
        _grid.Initialize(lo, hi, _integerLevels, d2 / n);
        // Clipped samples are left out one by one: the dtype's maximum always (saturation), and a level where samples pile up.
        _grid.ClipLow = _histogram.PileAtMin();
        _grid.ClipHigh = Math.Min(_histogram.PileAtMax(), _integerLevels ? _type.MaxValue() : double.PositiveInfinity);
        _quadruples.ClipLow = _grid.ClipLow;
        _quadruples.ClipHigh = _grid.ClipHigh;
        return true;
    }

    private void Convert(ReadOnlySpan<byte> frame, double[] destination, string name)
    {
        int bytes = _pixels * _type.Size();
        if (frame.Length != bytes) throw new ArgumentException($"A frame must be {bytes} bytes ({_pixels} {_type} pixels); got {frame.Length}.", name);
        PixelConvert.ToDoubles(frame, _type, destination);
    }

    private int _stationaryPixels;
    private double _floorLevel, _floorVariance;

    /// <summary>
    /// Bins of stationary pixels by their key frames' mean level, each with its pixels' mean triple level and noise (counted as
    /// samples) in half <paramref name="half"/> (−1: both), or null when too few quadruples or stationary pixels. A pixel is
    /// stationary when its key frames scatter no more than <paramref name="line"/> predicts: a test on the key frames alone,
    /// so that the noise samples stay unselected. Near a clip level the same holds: a pixel counts only when its key level lies
    /// <paramref name="clipMargin"/> σ (its key frames' noise) inside the clip levels, and none of its key frames is clipped, so that clipping is negligible under the line's noise. (Selecting
    /// by the pixel's own clipped share would keep the dim pixels whose noise samples happened to stay above the floor: too little noise.)
    /// </summary>
    /// With <paramref name="clipMargin"/> 0 the older rule stands in: at most <paramref name="clippedShare"/> of the pixel's triples clipped.
    /// <paramref name="minPixels"/>: fewer stationary pixels than this give no bins.
    private List<PhotonTransferBin>? StationaryPixelBins(RobustLineFit line, int half, double clipMargin, double clippedShare, int minPixels,
        StationarityRelaxation relaxation = StationarityRelaxation.None)
    {
        int quadruples = _quadruples.Quadruples;
        if (quadruples < 6) return null;
        double limit = 1 + 2 * Math.Sqrt(2.0 / (quadruples - 1));
        var changing = new bool[_pixels];
        var clearly = new bool[_pixels];
        double clearLimit = 1 + 5 * Math.Sqrt(2.0 / (quadruples - 1));
        int frames = _pixelStats.Frames;
        // Only where the key frames are few (short movies): from 20 key frames (about 80 frames) on they suffice, and every frame's scatter would also
        // flag the slow changes (bleaching) that second differences cancel.
        bool fewKeys = quadruples < FewKeyFrames && frames > quadruples + 2 && relaxation == StationarityRelaxation.None;
        for (int p = 0; p < _pixels; p++)
        {
            double k = _quadruples.KeyLevel(p), scatter = _quadruples.KeyVariance(p);
            if (double.IsNaN(k) || double.IsInfinity(k) || double.IsNaN(scatter)) continue;
            double predicted = PredictedVariance(line, k);
            // A signal that changes slowly (a transient's decay) also raises the key frames' variance above their step-to-step noise.
            changing[p] = scatter > limit * Math.Max(predicted, 0) + 1 || scatter > limit * _quadruples.KeyStepVariance(p) + 1;
            clearly[p] = scatter > clearLimit * _quadruples.KeyStepVariance(p) + 1 && scatter > clearLimit * Math.Max(predicted, 0) + 1;
            // Few key frames miss small transients: every frame's scatter (the per-pixel statistics) tests them too. It shares frames
            // with the noise samples, so it can only lower the noise of the pixels kept: it cuts 3 standard errors of a variance above
            // the prediction, widened by the excess kurtosis of photon noise there (sparse photons: a variance of few frames scatters widely).
            if (fewKeys)
            {
                double excess = PhotonExcessKurtosis(line, predicted);
                double relative = Math.Sqrt(2.0 / Math.Max(frames - 1, 1) + excess / frames);
                if (_pixelStats.Variance(p) > (1 + (_floorCutsZeroPhotons ? CensoredAllFramesSd : AllFramesSd) * relative) * Math.Max(predicted, 0) + 1) changing[p] = true;
            }
        }
        // A clearly changing pixel's neighbours belong to the same cell, whose faint edge changes too, below what one pixel shows.
        bool[] near = relaxation >= StationarityRelaxation.NoNeighbours ? new bool[_pixels] : Dilate(clearly, _width, _pixels / _width, NeighbourRadius);
        for (int p = 0; p < _pixels; p++) near[p] |= changing[p];
        var key = new double[_pixels];
        var chosen = new int[_pixels];
        var allKey = new double[_pixels];
        int n = 0, all = 0;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        bool clipped = !double.IsNegativeInfinity(_quadruples.ClipLow) || !double.IsPositiveInfinity(_quadruples.ClipHigh);
        bool keepLowClipped = clipMargin > 0 || _censored;
        for (int p = 0; p < _pixels; p++)
        {
            double k = _quadruples.KeyLevel(p);
            if (double.IsNaN(k) || double.IsInfinity(k) || double.IsNaN(_quadruples.KeyVariance(p))) continue;
            if (clipped && clipMargin > 0)
            {
                // The key frames' own noise, not the line's: a first line tilted by the clipping would move the margin with it.
                double margin = clipMargin * Math.Sqrt(Math.Max(_quadruples.KeyStepVariance(p), 0));
                if (_quadruples.KeyClipped(p) > 0 || k - margin <= _quadruples.ClipLow || k + margin >= _quadruples.ClipHigh) continue;
            }
            // Pixels too close to a clip level are not counted among a level's pixels either: they are left out, not changing.
            allKey[all++] = k;
            if (near[p] || _quadruples.ClippedShare(p) > clippedShare || !(_quadruples.Count(p, half, keepLowClipped) > 0)) continue;
            key[n] = k;
            chosen[n] = p;
            n++;
            if (k < lo) lo = k;
            if (k > hi) hi = k;
        }
        _stationaryPixels = n;
        if (n < minPixels || !(hi > lo)) return null;
        // Equal-count bins by key level: sparse backgrounds crowd into a narrow range that linear bins would merge into one.
        int bins = Math.Min(MaxPixelBins, n / 50);
        Array.Sort(key, chosen, 0, n);
        Array.Sort(allKey, 0, all);
        var result = new List<PhotonTransferBin>(bins);
        int start = 0;
        for (int b = 0; b < bins && start < n; b++)
        {
            int end = (int)((long)(b + 1) * n / bins);
            // Pixels of one key level stay in one bin.
            while (end < n && key[end] == key[end - 1]) end++;
            if (end <= start) continue;
            double count = 0, sumM = 0, sumV = 0;
            for (int i = start; i < end; i++)
            {
                int p = chosen[i];
                double w = _quadruples.Count(p, half, keepLowClipped);
                count += w;
                sumM += w * _quadruples.Level(p, half, keepLowClipped);
                sumV += w * _quadruples.Noise(p, half, keepLowClipped);
            }
            // Levels where most pixels change (the cells) leave only their quietest pixels, still touched by the change: skip them.
            int allIn = PixelTemporalStats.LowerBound(allKey, all, end < n ? key[end] : double.PositiveInfinity) - PixelTemporalStats.LowerBound(allKey, all, key[start]);
            if (count > 0 && (relaxation >= StationarityRelaxation.CrowdedLevels || 2 * (end - start) >= allIn)) result.Add(new PhotonTransferBin(sumM / count, sumV / count, (long)count, false));
            start = end;
        }
        return result;
    }

    /// <summary>Below the lowest measured bin a line may dip under zero: its slope through that bin's variance stands in.</summary>
    private double PredictedVariance(RobustLineFit line, double level) =>
        Math.Max(line.Predict(level), _floorVariance + Math.Max(line.Slope, 0) * (level - _floorLevel));

    /// <summary>
    /// Upper bound of the excess kurtosis of photon noise of variance <paramref name="variance"/> on <paramref name="line"/>: photons
    /// of g levels (Poisson, excess 1/λ) under read noise give f·g²·(variance − rn²)/variance² ≤ f·g²/variance, f = E[X⁴]E[X²]/E[X³]²
    /// of the pulse heights (1 for equal pulses). From the line, not the pixel: a transient skews the pixel, which must not excuse it.
    /// </summary>
    private static double PhotonExcessKurtosis(RobustLineFit line, double variance) =>
        variance > 0 && line.Slope > 0 ? KurtosisPerSkewness2 * line.Slope * line.Slope / variance : 0;

    /// <summary>Below this many key frames the stationarity test also uses the scatter over every frame.</summary>
    private const int FewKeyFrames = 20;

    /// <summary>
    /// Every frame's scatter flags a pixel when it exceeds the predicted variance by this many standard errors of a variance:
    /// the test shares frames with the noise samples, so a tight cut (2) drops the noisiest stationary pixels (gain 3–8 % low).
    /// </summary>
    private const double AllFramesSd = 3;

    /// <summary>
    /// The same cut on a movie whose floor cuts off a tenth or more of the zero-photon samples (modelled): the floor lowers a pixel's own variance below the
    /// line's, which loosens the cut, and a short clipped movie has only its disjoint key frames (7 in 30 frames) to find transients.
    /// </summary>
    private const double CensoredAllFramesSd = 2;

    /// <summary>
    /// Excess kurtosis over squared skewness of photon noise: 1 for Poisson, (k + 3)/(k + 2) for Gamma pulse heights of shape k
    /// (1.25 at CV 0.7). Sparse photons make a variance scatter far more than Gaussian noise would, and the test must allow for it.
    /// </summary>
    private const double KurtosisPerSkewness2 = 1.25;

    private const int MaxPixelBins = 96;
    private const int NeighbourRadius = 4;

    /// <summary>Flags every pixel within <paramref name="radius"/> (a square) of a flagged one.</summary>
    private static bool[] Dilate(bool[] flags, int width, int height, int radius)
    {
        var rows = new bool[flags.Length];
        for (int y = 0; y < height; y++)
        {
            int row = y * width, last = -radius - 1;
            for (int x = 0; x < width; x++) if (flags[row + x]) { for (int i = Math.Max(0, Math.Max(last + radius + 1, x - radius)); i <= Math.Min(width - 1, x + radius); i++) rows[row + i] = true; last = x; }
        }
        var result = new bool[flags.Length];
        for (int x = 0; x < width; x++)
            for (int y = 0; y < height; y++)
                if (rows[y * width + x])
                    for (int j = Math.Max(0, y - radius); j <= Math.Min(height - 1, y + radius); j++) result[j * width + x] = true;
        return result;
    }


    private static int IndexAmongUsable(bool[] usable, int index)
    {
        int k = 0;
        for (int i = 0; i < index; i++) if (usable[i]) k++;
        return k;
    }

    private static bool PeakAgreesWithLine(double width, double lineSigma2, double gain, double interceptStdError)
    {
        double s2 = width * width;
        double tolerance = 0.5 * Math.Max(s2, Math.Abs(lineSigma2)) + 0.5 * gain * gain + 2 + 3 * (double.IsNaN(interceptStdError) ? 0 : interceptStdError);
        return Math.Abs(s2 - lineSigma2) <= tolerance;
    }

    private RobustLineFit FitLine(List<PhotonTransferBin> bins, bool[] usable)
    {
        var x = new List<double>();
        var y = new List<double>();
        var n = new List<long>();
        for (int i = 0; i < bins.Count; i++)
        {
            if (!usable[i]) continue;
            x.Add(bins[i].MeanLevel);
            y.Add(bins[i].Variance);
            n.Add(bins[i].Count);
        }
        if (x.Count < 3)
            throw new PhotonTransferException(string.Format(CultureInfo.InvariantCulture,
                "Only {0} intensity bins are populated below saturation: the movie spans too few levels to fit a photon-transfer line.", x.Count));
        return RobustLineFit.Fit(x, y, n);
    }

    /// <summary>Per-bin mean level and noise variance of one half (or both, −1); with a first fit, differences beyond the outlier limit are left out.</summary>
    private List<PhotonTransferBin> ReadBins(RobustLineFit? fit, int half)
    {
        const double Factor = DifferenceBinGrid.DifferenceVarianceFactor;
        var bins = new List<PhotonTransferBin>(DifferenceBinGrid.BinCount);
        for (int bin = 0; bin < DifferenceBinGrid.BinCount; bin++)
        {
            long total = 0;
            double sumM = 0;
            for (int e = 0; e < DifferenceBinGrid.Buckets; e++) { total += _grid.Count(bin, e, half); sumM += _grid.SumM(bin, e, half); }
            long clipped = _grid.Clipped(bin, half);
            if (total == 0) continue;
            double limit = double.PositiveInfinity;
            if (fit is RobustLineFit f)
            {
                double own = 0;
                for (int e = 0; e < DifferenceBinGrid.Buckets; e++) own += _grid.SumD2(bin, e, half);
                own /= Factor * total;
                limit = Factor * OutlierD2Factor * Math.Max(f.Predict(sumM / total), 0.1 * own);
            }
            long n = 0;
            double s2 = 0, sm = 0;
            for (int e = 0; e < DifferenceBinGrid.Buckets; e++)
            {
                if (_grid.BucketLowerD2(e) >= limit && e > 0) break;
                n += _grid.Count(bin, e, half);
                s2 += _grid.SumD2(bin, e, half);
                sm += _grid.SumM(bin, e, half);
            }
            if (n == 0) continue;
            bins.Add(new PhotonTransferBin(sm / n, s2 / (Factor * n), n, false, clipped));
        }
        return bins;
    }

    private IReadOnlyList<KeyValuePair<double, long>> DarkHistogramExcerpt(double? peakLevel, double? peakWidth, double gain)
    {
        if (FramesAdded == 0) return Array.Empty<KeyValuePair<double, long>>();
        long[] counts = _histogram.Counts;
        int first = 0;
        while (first < counts.Length && counts[first] == 0) first++;
        if (first == counts.Length) return Array.Empty<KeyValuePair<double, long>>();
        double span = Math.Max(8 * (peakWidth ?? 0) + 3 * gain, 16 * _histogram.Width);
        double from = (peakLevel ?? _histogram.Level(first)) - span / 2;
        double to = from + span * 1.5;
        // At most 200 points: merge levels into wider bins when the span is large.
        int step = (int)Math.Max(1, Math.Ceiling((to - from) / _histogram.Width / 200));
        var points = new List<KeyValuePair<double, long>>();
        int start = Math.Max(0, (int)Math.Floor((from - _histogram.Level(0)) / _histogram.Width));
        int end = Math.Min(counts.Length - 1, (int)Math.Ceiling((to - _histogram.Level(0)) / _histogram.Width));
        for (int i = start; i <= end; i += step)
        {
            long c = 0;
            double centre = 0;
            int m = 0;
            for (int j = i; j < i + step && j <= end; j++) { c += counts[j]; centre += _histogram.Level(j); m++; }
            points.Add(new KeyValuePair<double, long>(centre / m, c));
        }
        return points;
    }
}
