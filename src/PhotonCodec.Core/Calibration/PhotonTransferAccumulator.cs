using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace PhotonCodec.Core.Calibration;

/// <summary>
/// Streams frame pairs and single frames into fixed-size statistics and fits the photon-transfer curve
/// variance = Gain·(level − ZeroLevel) + ReadNoise². Memory does not depend on the number of frames.
/// </summary>
public sealed class PhotonTransferAccumulator
{
    /// <summary>Differences beyond this multiple of the predicted variance (≈ 6.3σ) are scene changes, not noise.</summary>
    private const double OutlierD2Factor = 40;
    private const double MinR2 = 0.2;
    private const double WarnR2 = 0.9;
    private const int MinPairs = 30;
    private const int MinPairsWhenSceneChanges = 100;
    /// <summary>Dark pixels' levels are symmetric read noise; a cluster skewed beyond this holds photons (dim uniform light).</summary>
    private const double MaxDarkSkewness = 0.3;
    /// <summary>Frames at least this large are worth splitting over cores (below, the hand-off costs more than it saves).</summary>
    private const int ParallelPixels = 16384;
    private const int HistogramEvery = 8;

    private readonly PixelType _type;
    private readonly int _pixels;
    private readonly bool _integerLevels;
    private readonly DifferenceBinGrid _grid = new();
    private readonly LowLevelHistogram _histogram;
    private readonly PixelTemporalStats _pixelStats;
    private readonly PixelNoiseStats _noiseStats;
    private readonly double[] _a, _b, _key;
    private double _min = double.PositiveInfinity, _max = double.NegativeInfinity;
    private long _skipped;

    public PhotonTransferAccumulator(PixelType type, int height, int width)
    {
        if (height <= 0 || width <= 0) throw new ArgumentOutOfRangeException(nameof(height), $"Frame size {height}×{width} must be positive.");
        _ = type.Size();
        _type = type;
        _pixels = checked(height * width);
        _integerLevels = type.IsInteger();
        _histogram = new LowLevelHistogram(_integerLevels);
        _pixelStats = new PixelTemporalStats(_pixels);
        _noiseStats = new PixelNoiseStats(_pixels);
        _a = new double[_pixels];
        _b = new double[_pixels];
        _key = new double[_pixels];
    }

    public PixelType PixelType => _type;

    /// <summary>Frame pairs added so far.</summary>
    public int PairsAdded { get; private set; }

    /// <summary>
    /// Only every GridStride-th pair given to AddFrameAndPair enters the intensity bins (all enter the per-pixel noise):
    /// on large frames a fraction of the pairs fills the bins plenty, and the bins are the costliest statistic.
    /// </summary>
    internal int GridStride { get; set; } = 1;

    /// <summary>Single frames added to the level histogram so far.</summary>
    public int FramesAdded { get; private set; }

    /// <summary>Adds a pair of consecutive frames, binned by their own mean (use the overload with a reference frame when one is at hand).</summary>
    public void AddPair(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Convert(a, _a, nameof(a));
        Convert(b, _b, nameof(b));
        for (int i = 0; i < _pixels; i++) _key[i] = 0.5 * (_a[i] + _b[i]);
        AddPair(_a, _b, _key);
    }

    /// <summary>
    /// Adds a pair of consecutive frames binned by the level of <paramref name="reference"/>, a third frame close in time.
    /// Its noise is independent of the pair, so each bin's mean level and variance are unbiased (binning by the pair's own
    /// mean selects noise: read noise regresses towards the mean and tilts the line).
    /// </summary>
    public void AddPair(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> reference)
    {
        Convert(a, _a, nameof(a));
        Convert(b, _b, nameof(b));
        Convert(reference, _key, nameof(reference));
        AddPair(_a, _b, _key);
    }

    /// <summary>Adds one frame to the level histogram that locates the zero-photon peak.</summary>
    public void AddFrame(ReadOnlySpan<byte> frame)
    {
        Convert(frame, _key, nameof(frame));
        AddFrame(_key);
    }

    internal void AddPair(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> key)
    {
        if (a.Length != _pixels || b.Length != _pixels || key.Length != _pixels)
            throw new ArgumentException($"Frames must hold {_pixels} pixels.");
        if (!EnsureGrid(a, b, key)) return;
        // Frames given to AddFrame are already in the range; pairs alone must track it themselves.
        if (FramesAdded == 0)
        {
            TrackRange(a);
            TrackRange(b);
        }
        _skipped += _grid.Add(a, b, key);
        PairsAdded++;
    }

    internal void AddFrame(ReadOnlySpan<double> frame)
    {
        if (frame.Length != _pixels) throw new ArgumentException($"Frames must hold {_pixels} pixels.", nameof(frame));
        if (FramesAdded % HistogramEvery == 0) _histogram.Add(frame);
        _pixelStats.Add(frame);
        FrameAdded();
    }

    /// <summary>
    /// Adds <paramref name="frame"/> to the level statistics and, when given, the pair (<paramref name="pairA"/>, <paramref name="pairB"/>)
    /// binned by it and the per-pixel noise of the triple (pairA, pairB, frame), together with <paramref name="concurrently"/>
    /// (reading the next frame). The statistics are independent, so on large frames they run on separate cores.
    /// </summary>
    internal void AddFrameAndPair(double[] frame, double[]? pairA, double[]? pairB, Action? concurrently)
    {
        if (frame.Length != _pixels || (pairA is not null && (pairB is null || pairA.Length != _pixels || pairB.Length != _pixels)))
            throw new ArgumentException($"Frames must hold {_pixels} pixels.");
        bool withPair = pairA is not null && EnsureGrid(pairA, pairB!, frame);
        long skipped = 0;
        var work = new List<Action>(5) { () => _pixelStats.Add(frame) };
        // The level histogram only shapes the zero-photon plot and the clip test: an eighth of the frames is plenty.
        if (FramesAdded % HistogramEvery == 0) work.Add(() => _histogram.Add(frame));
        if (withPair)
        {
            if (PairsAdded % GridStride == 0) work.Add(() => skipped = _grid.Add(pairA!, pairB!, frame));
            work.Add(() => _noiseStats.Add(pairA!, pairB!, frame));
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
        FrameAdded();
        if (withPair)
        {
            _skipped += skipped;
            PairsAdded++;
        }
    }

    private void FrameAdded()
    {
        _min = Math.Min(_min, Math.Min(_histogram.Min, _pixelStats.Min));
        _max = Math.Max(_max, Math.Max(_histogram.Max, _pixelStats.Max));
        FramesAdded++;
    }

    /// <summary>Sets up the bins from the first pair; false (the pair counted as skipped) when it holds no finite pixel.</summary>
    private bool EnsureGrid(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> key)
    {
        if (_grid.IsInitialized) return true;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity, d2 = 0;
        long n = 0;
        for (int i = 0; i < _pixels; i++)
        {
            double k = key[i], d = a[i] - b[i];
            if (double.IsNaN(k) || double.IsInfinity(k) || double.IsNaN(d) || double.IsInfinity(d)) continue;
            if (k < lo) lo = k;
            if (k > hi) hi = k;
            d2 += d * d;
            n++;
        }
        if (n == 0) { _skipped += _pixels; PairsAdded++; return false; }
        _grid.Initialize(lo, hi, _integerLevels, d2 / n);
        return true;
    }

    private void TrackRange(ReadOnlySpan<double> values)
    {
        double lo = _min, hi = _max;
        foreach (double v in values)
        {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        _min = lo; _max = hi;
    }

    private void Convert(ReadOnlySpan<byte> frame, double[] destination, string name)
    {
        int bytes = _pixels * _type.Size();
        if (frame.Length != bytes) throw new ArgumentException($"A frame must be {bytes} bytes ({_pixels} {_type} pixels); got {frame.Length}.", name);
        PixelConvert.ToDoubles(frame, _type, destination);
    }

    /// <summary>Fits the curve. Throws <see cref="PhotonTransferException"/> when the data carry no photon-transfer information.</summary>
    public PhotonTransferEstimate Fit()
    {
        if (PairsAdded == 0 || !_grid.IsInitialized)
            throw new PhotonTransferException("Photon transfer needs at least two frames (one pair of consecutive frames); none were given.");
        // The dark-pixel search sorts every pixel's mean and does not need the line: it runs while the line is fitted.
        Task<DarkPeak?> darkPeak = _pixels >= ParallelPixels && Environment.ProcessorCount > 1
            ? Task.Run(() => _pixelStats.FindDarkPeak(_integerLevels))
            : Task.FromResult(_pixelStats.FindDarkPeak(_integerLevels));
        var warnings = new List<string>();
        var raw = ReadBins(null);
        long samples = 0;
        double sumD2 = 0;
        foreach (var bin in raw) { samples += bin.Count; sumD2 += bin.Variance * bin.Count; }
        if (samples == 0) throw new PhotonTransferException("Every pixel of every frame pair is NaN or infinite: no photon transfer to measure.");
        if (sumD2 == 0) throw new PhotonTransferException("Consecutive frames are identical: the movie has no temporal noise, so it is not raw photon-limited data (constant, synthetic or duplicated frames).");
        if (_skipped > 0) warnings.Add(string.Format(CultureInfo.InvariantCulture, "{0} non-finite pixel samples were ignored.", _skipped));

        long minCount = Math.Max(32, (long)(samples * 1e-5));
        // A floor holding ≥ 1 % of all samples is a clip (dtype minimum, or an offset subtracted and clipped at 0).
        bool clippedLow = _integerLevels && (_min <= _type.MinValue() || _histogram.CountAtMin >= 0.01 * _histogram.Total);
        bool saturated = _integerLevels && _max >= _type.MaxValue();
        bool[] usable = new bool[raw.Count];
        for (int i = 0; i < raw.Count; i++) usable[i] = Usable(raw[i], minCount, clippedLow);

        RobustLineFit first = FitLine(raw, usable);
        var trimmed = ReadBins(first);
        for (int i = 0; i < trimmed.Count; i++) usable[i] = Usable(trimmed[i], minCount, clippedLow);
        RobustLineFit fit = FitLine(trimmed, usable);
        string binning = "binned by an independent frame";
        bool stationaryRefit = false;
        // Signal changes (transients) spread the samples of bright bins; the pixels that carry them are known by their
        // temporal variance exceeding their own frame-to-frame noise. Refit on the stationary pixels alone.
        if (fit.R2 < WarnR2 && StationaryPixelBins(null) is List<PhotonTransferBin> pixelBins)
        {
            bool[] pixelUsable = new bool[pixelBins.Count];
            int usableCount = 0;
            for (int i = 0; i < pixelBins.Count; i++) if (pixelUsable[i] = Usable(pixelBins[i], minCount, clippedLow)) usableCount++;
            if (usableCount >= 3)
            {
                RobustLineFit pixelFit = FitLine(pixelBins, pixelUsable);
                if (pixelFit.Slope > 0 && StationaryPixelBins(pixelFit) is List<PhotonTransferBin> cleaner)
                {
                    var cleanerUsable = new bool[cleaner.Count];
                    int k = 0;
                    for (int i = 0; i < cleaner.Count; i++) if (cleanerUsable[i] = Usable(cleaner[i], minCount, clippedLow)) k++;
                    if (k >= 3)
                    {
                        pixelBins = cleaner;
                        pixelUsable = cleanerUsable;
                        pixelFit = FitLine(pixelBins, pixelUsable);
                    }
                }
                if (pixelFit.R2 > fit.R2 && pixelFit.Slope > 0)
                {
                    warnings.Add(string.Format(CultureInfo.InvariantCulture,
                        "The scene changes between frames (photon-transfer R² {0:F3} over all pixels): fitted on the {1} pixels whose temporal variance is their frame-to-frame noise alone.",
                        fit.R2, _stationaryPixels));
                    fit = pixelFit;
                    trimmed = pixelBins;
                    usable = pixelUsable;
                    binning = "per-pixel noise (second differences) of stationary pixels binned by their mean level";
                    stationaryRefit = true;
                }
            }
        }

        double gain = fit.Slope;
        // The standard error of the fit counts bins, not frame pairs: with few pairs (and more so when only the
        // stationary pixels could be used) the per-pixel noise itself is uncertain, so say so rather than trust it.
        int minPairs = stationaryRefit ? MinPairsWhenSceneChanges : MinPairs;
        if (PairsAdded < minPairs)
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "Gain uncertain: only {0} frame pairs were sampled (at least {1} are needed{2}); its standard error understates the error.",
                PairsAdded, minPairs, stationaryRefit ? " when the scene changes" : ""));
        if (!(gain > 0) || double.IsInfinity(gain))
            throw new PhotonTransferException(string.Format(CultureInfo.InvariantCulture,
                "The variance of frame differences does not grow with the level (slope {0:G4}, R² {1:F3}): no Poisson structure, so this is not raw photon-limited data (processed, filtered or float data?).", gain, fit.R2));
        if (fit.R2 < MinR2)
            throw new PhotonTransferException(string.Format(CultureInfo.InvariantCulture,
                "The variance of frame differences is not a line in the level (R² {0:F3}, slope {1:G4}): no Poisson structure, so this is not raw photon-limited data (processed, filtered or float data?).", fit.R2, gain));
        if (fit.R2 < WarnR2)
            warnings.Add(string.Format(CultureInfo.InvariantCulture, "Poor photon-transfer fit (R² {0:F3}): the scene changes between frames or the data are not raw detector levels; treat the gain with caution.", fit.R2));
        if (fit.SlopeStdError > 0.05 * gain)
            warnings.Add(string.Format(CultureInfo.InvariantCulture, "Gain uncertain: {0:G4} ± {1:G2} levels per photon.", gain, fit.SlopeStdError));
        if (saturated)
            warnings.Add(string.Format(CultureInfo.InvariantCulture, "Levels reach the dtype maximum {0}: saturated bins were left out of the fit.", _type.MaxValue()));

        double intercept = fit.Intercept;
        double zero, readNoise;
        double? peakLevel = null, peakWidth = null;
        string source;
        DarkPeak? peak = darkPeak.GetAwaiter().GetResult();
        double lineSigma2 = peak.HasValue ? intercept + gain * peak.Value.Level - (_integerLevels ? 1.0 / 12 : 0) : double.NaN;
        if (peak is DarkPeak p && PeakAgreesWithLine(p, lineSigma2, gain, fit.InterceptStdError) && (clippedLow || p.Skewness < MaxDarkSkewness))
        {
            zero = p.Level;
            readNoise = p.Width;
            peakLevel = p.Level;
            peakWidth = p.Width;
            source = string.Format(CultureInfo.InvariantCulture, "zero level and read noise from the {0} zero-photon pixels (lowest cluster of per-pixel temporal means)", p.Pixels);
            if (clippedLow && p.Width >= 0.5 && p.Level - 3 * p.Width <= _min)
                warnings.Add(string.Format(CultureInfo.InvariantCulture, "The zero-photon pixels sit at the lowest level {0}, where the data are clipped: the true zero level may be lower and the read noise larger than reported.", _min));
        }
        else
        {
            // Rounding to integer levels puts 1/12 level² of variance into the intercept; it is not an offset.
            zero = ((_integerLevels ? 1.0 / 12 : 0) - intercept) / gain;
            readNoise = 0;
            source = "zero level from the line's intercept assuming no read noise (only rounding noise)";
            warnings.Add(peak is DarkPeak q
                ? string.Format(CultureInfo.InvariantCulture,
                    "No zero-photon pixels: the lowest cluster of pixel means (level {0:G6}, σ {1:G4}, skewness {3:F2}) {4}, so it holds photons. Zero level taken from the intercept with read noise 0.",
                    q.Level, q.Width, lineSigma2, q.Skewness,
                    q.Skewness >= MaxDarkSkewness && !clippedLow
                        ? "is skewed like Poisson light, not symmetric like read noise"
                        : string.Format(CultureInfo.InvariantCulture, "does not match the photon-transfer line (σ² {0:G4} expected there)", lineSigma2))
                : "No zero-photon pixels found (no cluster of dark pixels at the bottom of the level range): zero level taken from the intercept with read noise 0.");
        }

        var bins = new List<PhotonTransferBin>();
        int used = 0;
        for (int i = 0; i < trimmed.Count; i++)
        {
            if (trimmed[i].Count < minCount) continue;
            bool inFit = usable[i] && fit.Robustness[IndexAmongUsable(usable, i)] > 0.5;
            if (usable[i]) used++;
            bins.Add(trimmed[i] with { UsedInFit = inFit });
        }

        string method = string.Format(CultureInfo.InvariantCulture,
            "Temporal-difference photon transfer: {0} frame pairs, {3}; Huber-reweighted line over {1} intensity bins; {2}.",
            PairsAdded, used, source, binning);
        return new PhotonTransferEstimate(gain, zero, readNoise, fit.SlopeStdError, fit.R2, used,
            FramesAdded > 0 ? FramesAdded : 2 * PairsAdded, method, warnings)
        {
            Bins = bins,
            FitIntercept = intercept,
            DarkPeakLevel = peakLevel,
            DarkPeakWidth = peakWidth,
            DarkHistogram = DarkHistogramExcerpt(peakLevel, peakWidth, gain),
        };
    }

    private int _stationaryPixels;

    /// <summary>
    /// Bins of stationary pixels by their mean level, each with its pixels' mean second-difference variance (counted as
    /// samples), or null when too few triples or stationary pixels. Binning a pixel by its own mean is unbiased here: for
    /// Poisson noise the covariance of the mean and the variance estimate rises with the same gain as the line.
    /// </summary>
    private List<PhotonTransferBin>? StationaryPixelBins(RobustLineFit? line)
    {
        int triples = _noiseStats.Triples, frames = _pixelStats.Frames;
        if (triples < 8 || frames < 8) return null;
        double limit = 1 + 3 * Math.Sqrt(2.0 / triples + 2.0 / frames);
        double noiseLimit = 1 + 4 * Math.Sqrt(2.0 / triples);
        var level = new double[_pixels];
        var noise = new double[_pixels];
        var allLevel = new double[_pixels];
        int n = 0, all = 0;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (int p = 0; p < _pixels; p++)
        {
            double v = _noiseStats.Variance(p), m = _noiseStats.Level(p), total = _pixelStats.Variance(p);
            if (double.IsNaN(v) || double.IsInfinity(v) || double.IsNaN(m) || double.IsInfinity(m) || double.IsNaN(total)) continue;
            allLevel[all++] = m;
            if (total > limit * v) continue;
            // Spikes inflate the noise estimate too: with a first line, pixels far above it are left out.
            if (line is RobustLineFit f && v > noiseLimit * Math.Max(f.Predict(m), 0) + 1) continue;
            level[n] = m;
            noise[n] = v;
            n++;
            if (m < lo) lo = m;
            if (m > hi) hi = m;
        }
        _stationaryPixels = n;
        if (n < Math.Max(100, _pixels / 20) || !(hi > lo)) return null;
        const int Bins = 128;
        var count = new long[Bins];
        var sumM = new double[Bins];
        var sumV = new double[Bins];
        double scale = Bins / (hi - lo) * (1 - 1e-12);
        for (int i = 0; i < n; i++)
        {
            int b = (int)((level[i] - lo) * scale);
            count[b]++;
            sumM[b] += level[i];
            sumV[b] += noise[i];
        }
        // Levels where most pixels change (the cells) leave only their quietest pixels, still touched by the change: skip them.
        var allCount = new long[Bins];
        for (int i = 0; i < all; i++)
        {
            double pos = (allLevel[i] - lo) * scale;
            if (pos >= 0 && pos < Bins) allCount[(int)pos]++;
        }
        var bins = new List<PhotonTransferBin>(Bins);
        for (int b = 0; b < Bins; b++)
            if (count[b] > 0 && 2 * count[b] >= allCount[b]) bins.Add(new PhotonTransferBin(sumM[b] / count[b], sumV[b] / count[b], count[b] * triples, false));
        return bins;
    }

    private static int IndexAmongUsable(bool[] usable, int index)
    {
        int k = 0;
        for (int i = 0; i < index; i++) if (usable[i]) k++;
        return k;
    }

    private static bool PeakAgreesWithLine(DarkPeak peak, double lineSigma2, double gain, double interceptStdError)
    {
        double s2 = peak.Width * peak.Width;
        double tolerance = 0.5 * Math.Max(s2, Math.Abs(lineSigma2)) + 0.5 * gain * gain + 2 + 3 * (double.IsNaN(interceptStdError) ? 0 : interceptStdError);
        return Math.Abs(s2 - lineSigma2) <= tolerance;
    }

    private bool Usable(PhotonTransferBin bin, long minCount, bool clippedLow)
    {
        if (bin.Count < minCount) return false;
        double sigma = Math.Sqrt(Math.Max(bin.Variance, 0));
        if (bin.MeanLevel + 3 * sigma >= _max) return false;
        if (clippedLow && bin.MeanLevel - 3 * sigma <= _min) return false;
        return true;
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

    /// <summary>Per-bin mean level and half mean squared difference; with a first fit, differences beyond the outlier limit are left out.</summary>
    private List<PhotonTransferBin> ReadBins(RobustLineFit? fit)
    {
        var bins = new List<PhotonTransferBin>(DifferenceBinGrid.BinCount);
        for (int bin = 0; bin < DifferenceBinGrid.BinCount; bin++)
        {
            long total = 0;
            double sumM = 0;
            for (int e = 0; e < DifferenceBinGrid.Buckets; e++) { total += _grid.Count(bin, e); sumM += _grid.SumM(bin, e); }
            if (total == 0) continue;
            double limit = double.PositiveInfinity;
            if (fit is RobustLineFit f)
            {
                double own = 0;
                for (int e = 0; e < DifferenceBinGrid.Buckets; e++) own += _grid.SumD2(bin, e);
                own /= 2 * total;
                limit = 2 * OutlierD2Factor * Math.Max(f.Predict(sumM / total), 0.1 * own);
            }
            long n = 0;
            double s2 = 0, sm = 0;
            for (int e = 0; e < DifferenceBinGrid.Buckets; e++)
            {
                if (_grid.BucketLowerD2(e) >= limit && e > 0) break;
                n += _grid.Count(bin, e);
                s2 += _grid.SumD2(bin, e);
                sm += _grid.SumM(bin, e);
            }
            if (n == 0) continue;
            bins.Add(new PhotonTransferBin(sm / n, s2 / (2 * n), n, false));
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
