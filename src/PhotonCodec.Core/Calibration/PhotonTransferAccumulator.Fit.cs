using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;

namespace PhotonCodec.Core.Calibration;

public sealed partial class PhotonTransferAccumulator
{
    /// <summary>Shares of clipped samples a bin may hold, tried in turn until three bins remain (the first keeps bias below ~1 %).</summary>
    private static readonly double[] ClippedShares = { 0.005, 0.02, 0.1, 0.5 };

    /// <summary>
    /// Distances (in predicted σ) a stationary pixel's key level must keep from a clip level, tried in turn until three bins remain:
    /// 4σ leaves a clipped share ≲ 1e-4 for Gaussian noise (and e^−16 zero-photon samples where one photon is far above the read noise).
    /// </summary>
    private static readonly (double Margin, double Share)[] ClippedPixelRules =
        { (4, 1), (3, 1), (2, 1), (0, 0.005), (0, 0.02), (0, 0.1), (0, 0.5) };
    private static readonly (double Margin, double Share)[] UnclippedPixelRules = { (0, 0.005), (0, 0.02), (0, 0.1), (0, 0.5) };

    /// <summary>With the clipped samples modelled (see <see cref="CensoredFit"/>) every stationary pixel counts, however often it is clipped.</summary>
    private static readonly (double Margin, double Share)[] CensoredPixelRules = { (0, 1) };

    /// <summary>Set while the clipped samples count by the zero-photon peak's truncated moments.</summary>
    private bool _censored;

    /// <summary>The floor cuts off a tenth or more of the zero-photon samples (an offset subtracted at the zero level).</summary>
    private bool _floorCutsZeroPhotons;

    /// <summary>The halves are unstable when they differ by more than this (relative) and by more than their combined error.</summary>
    private const double UnstableDifference = 0.10;

    private readonly struct GainFit
    {
        public GainFit(RobustLineFit line, List<PhotonTransferBin> bins, bool[] usable, string binning, bool stationary, double clippedShare, int rule = -1, RobustLineFit? selection = null,
            StationarityRelaxation relaxation = StationarityRelaxation.None)
        {
            Line = line; Bins = bins; Usable = usable; Binning = binning; Stationary = stationary; ClippedShare = clippedShare; Rule = rule;
            Selection = selection ?? line;
            Relaxation = relaxation;
        }

        /// <summary>How far the stationary-pixel test was relaxed; the halves and a refining pass use the same test.</summary>
        public StationarityRelaxation Relaxation { get; }

        /// <summary>The line that chose the stationary pixels: the halves choose with it too, so that they hold the same pixels.</summary>
        public RobustLineFit Selection { get; }

        /// <summary>Index of the stationary-pixel rule (clip margin, clipped share) that gave the fit; −1 for all samples.</summary>
        public int Rule { get; }

        public RobustLineFit Line { get; }
        public List<PhotonTransferBin> Bins { get; }
        public bool[] Usable { get; }
        public string Binning { get; }
        public bool Stationary { get; }
        public double ClippedShare { get; }
    }

    /// <summary>Fits the curve. Throws <see cref="PhotonTransferException"/> when the data carry no photon-transfer information.</summary>
    public PhotonTransferEstimate Fit()
    {
        if (TriplesAdded == 0 || !_grid.IsInitialized)
            throw new PhotonTransferException("Photon transfer needs at least three consecutive frames (it measures the noise between them); fewer were given.");
        // The dark-pixel search sorts every pixel's mean and does not need the line: it runs while the line is fitted.
        Task<DarkPeak?> darkPeak = _pixels >= ParallelPixels && Environment.ProcessorCount > 1
            ? Task.Run(() => _pixelStats.FindDarkPeak(_integerLevels))
            : Task.FromResult(_pixelStats.FindDarkPeak(_integerLevels));
        var warnings = new List<string>();
        var raw = ReadBins(null, -1);
        long samples = 0, clipped = 0;
        double sumD2 = 0;
        foreach (var bin in raw) { samples += bin.Count; sumD2 += bin.Variance * bin.Count; }
        for (int bin = 0; bin < DifferenceBinGrid.BinCount; bin++) clipped += _grid.Clipped(bin);
        if (samples == 0 && clipped == 0) throw new PhotonTransferException("Every pixel of every frame is NaN or infinite: no photon transfer to measure.");
        if (samples == 0) throw new PhotonTransferException("Every sample touches a clip level (the dtype's limits or a level where values pile up): no unclipped noise to measure.");
        if (sumD2 == 0) throw new PhotonTransferException("Consecutive frames are identical: the movie has no temporal noise, so it is not raw photon-limited data (constant, synthetic or duplicated frames).");
        if (_skipped > 0) warnings.Add(string.Format(CultureInfo.InvariantCulture, "{0} non-finite pixel samples were ignored.", _skipped));
        long minCount = Math.Max(32, (long)(samples * 1e-5));
        // The darkest well-populated bin anchors the stationarity test where a first line would predict a negative variance.
        _floorLevel = double.PositiveInfinity;
        foreach (var bin in raw)
            if (bin.Count >= minCount && bin.MeanLevel < _floorLevel) { _floorLevel = bin.MeanLevel; _floorVariance = bin.Variance; }

        GainFit whole = FitGain(-1, minCount, warnings);
        if (ClipsLow && CensoredFit(whole, minCount) is GainFit censored) whole = censored;
        RobustLineFit fit = whole.Line;
        double gain = fit.Slope;
        // Overlapping quadruples (short movies) share frames between a pixel's key level and its noise, and Poisson noise makes the
        // two covary: on a flat field that alone draws a slope. A scene too narrow for a line is said so, whatever the slope.
        bool overlapping = 2 * _quadruples.Quadruples > FramesAdded;
        if (!(gain > 0) || double.IsInfinity(gain) || fit.R2 < MinR2 || overlapping && IsNarrow(raw, FlatSpread))
        {
            whole = NarrowRangeFit(raw, whole, minCount, warnings);
            fit = whole.Line;
            gain = fit.Slope;
        }

        // Stability: the same fit on each half of the movie's triples. Disagreement beyond their errors means the scene or the
        // detector changed; the smaller gain gives finer steps, so the error bound holds whichever half is right.
        double[] halves = { double.NaN, double.NaN }, halfErrors = { double.NaN, double.NaN };
        for (int h = 0; h < DifferenceBinGrid.Halves; h++)
        {
            try
            {
                RobustLineFit line = (whole.Stationary ? (ClipsLow ? PixelFitWith(h, whole.Selection, Math.Max(16, minCount / 2), whole.Rule, whole.Relaxation) : PixelFitWith(h, whole.Line, Math.Max(16, minCount / 2), -1, whole.Relaxation)) ?? throw new PhotonTransferException("half") : GridFit(h, Math.Max(16, minCount / 2))).Line;
                if (line.Slope > 0) { halves[h] = line.Slope; halfErrors[h] = line.SlopeStdError; }
            }
            catch (PhotonTransferException)
            {
                // Too few bins in one half: no stability figure, which the halves' NaN says.
            }
        }
        double gainError = fit.SlopeStdError;
        bool unstable = false;
        if (!double.IsNaN(halves[0]) && !double.IsNaN(halves[1]))
        {
            double small = Math.Min(halves[0], halves[1]), large = Math.Max(halves[0], halves[1]);
            double combined = Math.Sqrt(Sq(halfErrors[0]) + Sq(halfErrors[1]));
            // The fit's error counts bins, not frames; the halves' spread measures the frames' own scatter.
            gainError = Math.Max(gainError, 0.5 * (large - small));
            if (large - small > combined && large > (1 + UnstableDifference) * small)
            {
                unstable = true;
                warnings.Add(string.Format(CultureInfo.InvariantCulture,
                    "Unstable photon-transfer estimate (gain uncertain): the two halves of the movie give gains {0:G4} and {1:G4} ({2:P0} apart, more than their errors ±{3:G2}): the scene or the detector changed. The smaller gain is used (finer steps).",
                    halves[0], halves[1], large / small - 1, combined));
                gain = small;
            }
        }
        bool crowded = whole.Stationary && whole.Relaxation >= StationarityRelaxation.NoNeighbours;
        if (crowded)
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "Gain uncertain: {0:G4} ± {1:G2} levels per photon, and few pixels stay constant (a field crowded with changing cells), so the gain rests on {2} pixels chosen by a relaxed test and may be off by up to ~25 %. A longer movie or a larger field gives a surer estimate; or give -Gain.",
                gain, gainError, _stationaryPixels));
        if (fit.R2 < WarnR2)
            warnings.Add(string.Format(CultureInfo.InvariantCulture, "Poor photon-transfer fit (R² {0:F3}): the scene changes between frames or the data are not raw detector levels; treat the gain with caution.", fit.R2));
        if (!unstable && !crowded && gainError > 0.05 * gain)
            warnings.Add(string.Format(CultureInfo.InvariantCulture, "Gain uncertain: {0:G4} ± {1:G2} levels per photon.", gain, gainError));
        if (_histogram.Max >= _grid.ClipHigh)
            warnings.Add(string.Format(CultureInfo.InvariantCulture, "Levels reach {0} (saturation or clipping): samples there were left out of the fit.", _grid.ClipHigh));
        if (warnings.Exists(w => w.StartsWith("The scene changes between frames", StringComparison.Ordinal)))
        {
            // Already said: the bright, changing pixels were left out.
        }
        else if (whole.Stationary)
        {
            // The stationary pixels leave out the bright, changing ones. When they are most of the scene the departure of the
            // rest is expected (active cells); when they are a minority, the gain rests on few pixels: judge all samples.
            if (3 * _stationaryPixels < _pixels)
                try { BrightEndWarning(GridFit(-1, minCount).Bins, fit, warnings); } catch (PhotonTransferException) { }
        }
        else
        {
            BrightEndWarning(whole.Bins, fit, warnings);
        }

        var (zero, readNoise, peakLevel, peakWidth, source) = ZeroAndReadNoise(gain, fit, darkPeak, warnings);
        double floorShare = _histogram.Total > 0 ? _histogram.CountAtMin / (double)_histogram.Total : 0;
        // Without read noise (photon counting) a pile at 0 is the zero-photon samples themselves, nothing cut off.
        if (ClipsLow && !_censored && floorShare >= 0.01 && readNoise >= 1)
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "Clipped at level {0} ({1:P1} of the samples), with no zero-photon peak resolved from the one-photon samples to model what the floor cut off: the clipped samples may hold photons, and the gain may be too high. Give -Gain if it is known.",
                _grid.ClipLow, floorShare));
        var bins = PlotBins(whole, minCount, out int used);
        string method = string.Format(CultureInfo.InvariantCulture,
            "Temporal-difference photon transfer: {0} frame triples (second differences, each binned by an independent frame; clipped samples left out{4}), {3}; " +
            "Huber-reweighted line over {1} intensity bins; the gain is the slope of variance against mean level, which with variable pulse heights " +
            "(PMT/HyD excess noise) is the gain that stabilizes the variance, G·(1 + CV²), not the mean pulse height; halves {5}; {2}.",
            TriplesAdded, used, source, whole.Binning,
            whole.ClippedShare > ClippedShares[0] ? string.Format(CultureInfo.InvariantCulture, ", bins with up to {0:P0} clipped samples kept", whole.ClippedShare) : "",
            string.Format(CultureInfo.InvariantCulture, "{0:G5} and {1:G5}{2}", halves[0], halves[1], unstable ? ", the smaller used" : ""));
        return new PhotonTransferEstimate(gain, zero, readNoise, gainError, fit.R2, used,
            FramesAdded > 0 ? FramesAdded : TriplesAdded + 2, method, warnings)
        {
            Bins = bins,
            FitIntercept = fit.Intercept,
            DarkPeakLevel = peakLevel,
            DarkPeakWidth = peakWidth,
            DarkHistogram = DarkHistogramExcerpt(peakLevel, peakWidth, gain),
            GainHalves = halves,
            GainHalvesStdError = halfErrors,
        };
    }

    private static double Sq(double v) => v * v;

    /// <summary>
    /// When the line has no slope: a scene of one brightness (a flat field) spans too narrow a range of levels to show one, which
    /// is not the same as data without Poisson noise. There the stationary pixels' own scatter (Poisson noise is skewed: the
    /// covariance of a pixel's mean and its noise rises with the gain) can still give the gain, with a warning; otherwise say which.
    /// </summary>
    private GainFit NarrowRangeFit(List<PhotonTransferBin> raw, GainFit whole, long minCount, List<string> warnings)
    {
        double gain = whole.Line.Slope, r2 = whole.Line.R2;
        var (low, high, sigma) = LevelSpread(raw);
        if (!IsNarrow(raw, NarrowSpread))
        {
            throw new PhotonTransferException(!(gain > 0) || double.IsInfinity(gain)
                ? string.Format(CultureInfo.InvariantCulture,
                    "The variance of frame differences does not grow with the level (slope {0:G4}, R² {1:F3}, over levels {2:G4}–{3:G4}): no Poisson structure, so this is not raw photon-limited data (processed, filtered or float data?).", gain, r2, low, high)
                : string.Format(CultureInfo.InvariantCulture,
                    "The variance of frame differences is not a line in the level (R² {0:F3}, slope {1:G4}): no Poisson structure, so this is not raw photon-limited data (processed, filtered or float data?).", r2, gain));
        }
        string range = string.Format(CultureInfo.InvariantCulture,
            "The movie spans too narrow a range of levels to fit a photon-transfer line: its mean levels lie within {0:G4}–{1:G4} across the scene, {2:0.##} times the frame-to-frame noise σ {3:G3} (a flat field or a scene of one brightness), so the variance cannot show how it grows with the level. This is not a sign of processed data. Image a scene with dark and bright parts, or give -Gain, -ZeroLevel and -ReadNoise",
            low, high, (high - low) / Math.Max(sigma, 1e-300), sigma);
        throw new PhotonTransferException(range + ".");
    }

    /// <summary>Too narrow for a line: the levels (2nd to 98th percentile of the samples) span less than this many noise σ.</summary>
    private const double NarrowSpread = 8;

    /// <summary>
    /// Surely a flat field: the pixels' levels differ by their sampling noise only (a short two-photon scene spans ≈ 7σ of its
    /// transient-inflated noise, a flat field ≈ 0.1σ). Checked whatever the slope where the slope may come from that covariance.
    /// </summary>
    private const double FlatSpread = 2;

    private static bool IsNarrow(List<PhotonTransferBin> raw, double spread)
    {
        var (low, high, sigma) = LevelSpread(raw);
        return high - low < spread * sigma;
    }

    private static (double Low, double High, double Sigma) LevelSpread(List<PhotonTransferBin> raw)
    {
        var levels = new List<(double Level, long Count, double Variance)>();
        long total = 0;
        foreach (var b in raw) if (b.Count > 0) { levels.Add((b.MeanLevel, b.Count, b.Variance)); total += b.Count; }
        levels.Sort((x, y) => x.Level.CompareTo(y.Level));
        double low = double.NaN, high = double.NaN, noise = 0;
        long seen = 0;
        foreach (var (level, count, variance) in levels)
        {
            seen += count;
            noise += variance * count;
            if (double.IsNaN(low) && seen >= 0.02 * total) low = level;
            if (double.IsNaN(high) && seen >= 0.98 * total) high = level;
        }
        double sigma = Math.Sqrt(Math.Max(noise / Math.Max(total, 1), 0));
        return (low, high, sigma);
    }

    private (double Zero, double ReadNoise, double? PeakLevel, double? PeakWidth, string Source) ZeroAndReadNoise(
        double gain, RobustLineFit fit, Task<DarkPeak?> darkPeak, List<string> warnings)
    {
        double intercept = fit.Intercept, rounding = _integerLevels ? 1.0 / 12 : 0;
        // Per sample first: where one photon is ≳ 2.5–3 read-noise widths, samples without a photon form their own peak.
        // Integer levels only: float data (often rescaled integers) leave gaps between populated bins that a fit cannot read.
        if (FramesAdded > 0 && _integerLevels && ZeroPhotonPeak.Find(_histogram, _grid.ClipLow, _integerLevels, gain) is ZeroPhotonPeak z
            && z.Width <= gain / 2.5 && z.Fraction >= 0.002
            // Clipping hides the line's low end, so there the line cannot vouch for the peak (nor against it).
            && (!double.IsNegativeInfinity(_grid.ClipLow) || PeakAgreesWithLine(z.Width, intercept + fit.Slope * z.Level - rounding, gain, fit.InterceptStdError)))
        {
            string how = string.Format(CultureInfo.InvariantCulture,
                "zero level and read noise from the zero-photon peak of the per-sample level histogram ({0:P0} of the samples{1})",
                z.Fraction, z.CutByClip ? "; clipping cut its lower side, so its upper side was fitted" : "; its lower side fitted");
            return (z.Level, z.Width, z.Level, z.Width, how);
        }
        DarkPeak? peak = darkPeak.GetAwaiter().GetResult();
        double lineSigma2 = peak.HasValue ? intercept + gain * peak.Value.Level - rounding : double.NaN;
        bool clippedLow = !double.IsNegativeInfinity(_grid.ClipLow);
        if (peak is DarkPeak p && PeakAgreesWithLine(p.Width, lineSigma2, gain, fit.InterceptStdError) && (clippedLow || p.Skewness < MaxDarkSkewness))
        {
            if (clippedLow && p.Width >= 0.5 && p.Level - 3 * p.Width <= _grid.ClipLow)
                warnings.Add(string.Format(CultureInfo.InvariantCulture, "The zero-photon pixels sit at the lowest level {0}, where the data are clipped: the true zero level may be lower and the read noise larger than reported.", _grid.ClipLow));
            return (p.Level, p.Width, p.Level, p.Width, string.Format(CultureInfo.InvariantCulture,
                "zero level and read noise from the {0} zero-photon pixels (lowest cluster of per-pixel temporal means)", p.Pixels));
        }
        // Rounding to integer levels puts 1/12 level² of variance into the intercept; it is not an offset.
        warnings.Add(peak is DarkPeak q
            ? string.Format(CultureInfo.InvariantCulture,
                "No zero-photon level found: no peak of samples without photons (photons not resolved from the read noise), and the lowest cluster of pixel means (level {0:G6}, σ {1:G4}, skewness {3:F2}) {4}, so it holds photons. Zero level taken from the intercept with read noise 0.",
                q.Level, q.Width, lineSigma2, q.Skewness,
                q.Skewness >= MaxDarkSkewness && !clippedLow
                    ? "is skewed like Poisson light, not symmetric like read noise"
                    : string.Format(CultureInfo.InvariantCulture, "does not match the photon-transfer line (σ² {0:G4} expected there)", lineSigma2))
            : "No zero-photon level found (no peak of samples without photons, no cluster of dark pixels): zero level taken from the intercept with read noise 0.");
        return ((rounding - intercept) / gain, 0, null, null, "zero level from the line's intercept assuming no read noise (only rounding noise)");
    }

    /// <summary>
    /// The line of one half (0, 1) or of the whole movie (−1). Primary: stationary pixels binned by their key frames (immune to
    /// transients, unbiased for skewed noise). Fallback: all samples binned by an independent frame, fitted, then refitted without
    /// outlying differences. <paramref name="selection"/> (the whole movie's line) makes both halves select the same pixels.
    /// </summary>
    private GainFit FitGain(int half, long minCount, List<string>? warnings, RobustLineFit? selection = null)
    {
        GainFit? grid = null;
        PhotonTransferException? gridFailure = null;
        try
        {
            grid = GridFit(half, minCount);
        }
        catch (PhotonTransferException e)
        {
            gridFailure = e;
        }
        RobustLineFit? line = selection ?? grid?.Line;
        if (line is RobustLineFit first && PixelFit(half, first, minCount) is GainFit pixels)
        {
            // A second pass selects with the stationary pixels' own line (the first may be tilted by the transients).
            // On a clipped movie it keeps the first pass's rule: falling back to a looser one would trade the clip margin for a line's tilt.
            if (selection is null && PixelFitWith(half, pixels.Line, minCount, ClipsLow ? pixels.Rule : -1, pixels.Relaxation) is GainFit refined) pixels = refined;
            if (grid is GainFit g && g.Line.R2 < WarnR2)
                warnings?.Add(string.Format(CultureInfo.InvariantCulture,
                    "The scene changes between frames (photon-transfer R² {0:F3} over all pixels): fitted on the {1} pixels whose signal stays constant.",
                    g.Line.R2, _stationaryPixels));
            return pixels;
        }
        return grid ?? throw gridFailure!;
    }

    private GainFit GridFit(int half, long minCount)
    {
        var raw = ReadBins(null, half);
        double share = ClippedShareFor(raw, minCount);
        bool[] usable = UsableBins(raw, minCount, share);
        RobustLineFit first = FitLine(raw, usable);
        var trimmed = ReadBins(first, half);
        usable = UsableBins(trimmed, minCount, share);
        return new GainFit(FitLine(trimmed, usable), trimmed, usable, "all samples binned by an independent frame", false, share);
    }

    /// <summary>
    /// On a movie clipped at a floor near its zero level (offset subtracted), the samples at the floor are zero-photon samples cut
    /// off below it wherever one photon stands clear of the read noise (gain ≥ 2.5 read-noise widths): their true values follow the
    /// lower tail of the zero-photon peak, whose upper side the level histogram shows. Counting each by the mean and mean square of
    /// that tail keeps the dim pixels (most of a sparse or offset-subtracted scene) in the fit without the bias of the clipped values,
    /// instead of the few bright, mostly changing pixels far above the floor. Null when the peak is not resolved or the fit fails;
    /// <paramref name="first"/> (fitted without the model) only judges whether photons are resolved, and the modelled fit must agree.
    /// </summary>
    private GainFit? CensoredFit(GainFit first, long minCount)
    {
        if (!_integerLevels || FramesAdded == 0) return null;
        // A first line that failed (clipping can leave it flat) cannot judge; the modelled fit's own slope then does.
        double hint = first.Line.Slope > 0 && first.Line.R2 >= MinR2 ? first.Line.Slope : double.NaN;
        if (ZeroPhotonPeak.Find(_histogram, _grid.ClipLow, _integerLevels, hint) is not ZeroPhotonPeak z || !(z.Width > 0) || z.Width > hint / 2.5)
            return null;
        // Integer levels: a value at the floor c stands for every true value below c + ½; the rounding adds 1/12 level².
        double sigma = Math.Sqrt(z.Width * z.Width + 1.0 / 12);
        _quadruples.ClippedMoments = TruncatedNormal.BelowMoments(z.Level, sigma, _grid.ClipLow + 0.5);
        _censored = true;
        _floorCutsZeroPhotons = TruncatedNormal.BelowProbability(z.Level, sigma, _grid.ClipLow + 0.5) >= 0.1;
        try
        {
            GainFit fit = FitGain(-1, minCount, null);
            if (fit.Stationary && fit.Line.Slope > 0 && fit.Line.R2 >= MinR2 && z.Width <= fit.Line.Slope / 2.5) return fit;
        }
        catch (PhotonTransferException)
        {
            // No line with the model: the clip-margin rules stand.
        }
        _censored = _floorCutsZeroPhotons = false;
        _quadruples.ClippedMoments = null;
        return null;
    }

    /// <summary>
    /// The stationary pixels' line, by the first rule that leaves three bins, or by rule <paramref name="only"/> (a half uses the
    /// whole's rule). When no rule leaves a line the test is relaxed in steps (<see cref="StationarityRelaxation"/>), unless
    /// <paramref name="relaxation"/> fixes the step (a half or a refining pass tests as the whole did).
    /// </summary>
    private GainFit? PixelFit(int half, RobustLineFit selection, long minCount, int only = -1, StationarityRelaxation? relaxation = null)
    {
        var first = relaxation ?? StationarityRelaxation.None;
        var last = relaxation ?? StationarityRelaxation.CrowdedLevels;
        for (var step = first; step <= last; step++)
            if (PixelFitWith(half, selection, minCount, only, step) is GainFit fit) return fit;
        return null;
    }

    private GainFit? PixelFitWith(int half, RobustLineFit selection, long minCount, int only, StationarityRelaxation relaxation)
    {
        var rules = _censored ? CensoredPixelRules : !double.IsNegativeInfinity(_grid.ClipLow) ? ClippedPixelRules : UnclippedPixelRules;
        for (int rule = Math.Max(only, 0); rule < (only >= 0 ? Math.Min(only + 1, rules.Length) : rules.Length); rule++)
        {
            var (margin, share) = rules[rule];
            // A pass that keeps a rule already found selects with a truer line, which rightly flags more pixels as changing
            // (a first line tilted by clipping or transients is lenient): it may keep half as many.
            int minPixels = Math.Max(100, _pixels / (only >= 0 ? 40 : 20));
            if (StationaryPixelBins(selection, half, margin, share, minPixels, relaxation) is not List<PhotonTransferBin> bins) continue;
            bool[] usable = UsableBins(bins, minCount, 1);
            if (Count(usable) < 3) continue;
            RobustLineFit fit = FitLine(bins, usable);
            // Too few pixels far from the clip level (sparse light): the per-pixel clipped share decides instead.
            if (only < 0 && margin > 0 && (!(fit.Slope > 0) || fit.R2 < MinR2)) continue;
            if (!(fit.Slope > 0)) return null;
            return new GainFit(fit, bins, usable, string.Format(CultureInfo.InvariantCulture,
                "per-pixel noise of the {0} stationary pixels, binned by independent key frames{1}{2}", _stationaryPixels,
                _censored ? ", samples at the clip floor counted by the truncated moments of the zero-photon peak below it"
                : margin > 0 ? string.Format(CultureInfo.InvariantCulture, ", their key level at least {0}σ above the clip level", margin) : "",
                RelaxationText(relaxation)), true, margin > 0 ? 0 : share, rule, selection, relaxation);
        }
        return null;
    }

    private static string RelaxationText(StationarityRelaxation relaxation) => relaxation switch
    {
        StationarityRelaxation.KeyFramesOnly => "; stationarity tested on the key frames only (too few pixels passed every frame's scatter)",
        StationarityRelaxation.NoNeighbours => "; stationarity tested on the key frames only, changing cells' neighbours kept (a field crowded with cells)",
        StationarityRelaxation.CrowdedLevels => "; stationarity tested on the key frames only, changing cells' neighbours and crowded levels kept (a field crowded with cells)",
        _ => "",
    };

    private static int Count(bool[] flags)
    {
        int k = 0;
        foreach (bool f in flags) if (f) k++;
        return k;
    }

    /// <summary>The smallest share of clipped samples per bin that leaves three bins to fit.</summary>
    private static double ClippedShareFor(List<PhotonTransferBin> bins, long minCount)
    {
        foreach (double share in ClippedShares)
            if (Count(UsableBins(bins, minCount, share)) >= 3) return share;
        return 1;
    }

    private static bool[] UsableBins(List<PhotonTransferBin> bins, long minCount, double clippedShare)
    {
        var usable = new bool[bins.Count];
        for (int i = 0; i < bins.Count; i++)
            usable[i] = bins[i].Count >= minCount && bins[i].ClippedSamples <= clippedShare * (bins[i].Count + bins[i].ClippedSamples);
        return usable;
    }

    private List<PhotonTransferBin> PlotBins(GainFit fit, long minCount, out int used)
    {
        var bins = new List<PhotonTransferBin>();
        used = 0;
        for (int i = 0; i < fit.Bins.Count; i++)
        {
            if (fit.Bins[i].Count < minCount) continue;
            bool inFit = fit.Usable[i] && fit.Line.Robustness[IndexAmongUsable(fit.Usable, i)] > 0.5;
            if (fit.Usable[i]) used++;
            bins.Add(fit.Bins[i] with { UsedInFit = inFit });
        }
        return bins;
    }

    /// <summary>
    /// Bright bins above the line beyond their noise (saturation bends it down, but a changing scene, nonlinearity or
    /// afterpulsing lift it): the fit left them out or was tilted by them, and the user should know.
    /// </summary>
    private static void BrightEndWarning(List<PhotonTransferBin> bins, RobustLineFit line, List<string> warnings)
    {
        int above = 0, brightBins = 0;
        double worst = 1, from = double.NaN;
        var populated = new List<PhotonTransferBin>();
        foreach (var b in bins) if (b.Count >= 32) populated.Add(b);
        if (populated.Count < 6) return;
        populated.Sort((x, y) => x.MeanLevel.CompareTo(y.MeanLevel));
        for (int i = populated.Count * 2 / 3; i < populated.Count; i++)
        {
            var b = populated[i];
            double predicted = line.Predict(b.MeanLevel);
            if (!(predicted > 0)) continue;
            brightBins++;
            double ratio = b.Variance / predicted;
            // A variance from n samples scatters by ≈ √(2/n); a departure of 30 % and 4 of those is real.
            if (ratio > 1.3 && ratio - 1 > 4 * Math.Sqrt(2.0 / b.Count) || ratio < 0.7 && 1 - ratio > 4 * Math.Sqrt(2.0 / b.Count))
            {
                above++;
                if (double.IsNaN(from)) from = b.MeanLevel;
                if (Math.Abs(Math.Log(ratio)) > Math.Abs(Math.Log(worst))) worst = ratio;
            }
        }
        if (brightBins > 0 && above * 3 >= brightBins && above >= 2)
            warnings.Add(string.Format(CultureInfo.InvariantCulture,
                "The bright end departs from the photon-transfer line: above level {0:G4} bins sit up to {1:0.#}× {2} the line (saturation, detector nonlinearity or a scene that changes between frames); the gain comes from the levels below.",
                from, worst >= 1 ? worst : 1 / worst, worst >= 1 ? "above" : "below"));
    }
}
