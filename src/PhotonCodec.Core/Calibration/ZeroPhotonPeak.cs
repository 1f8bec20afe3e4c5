using System;
using System.Collections.Generic;

namespace PhotonCodec.Core.Calibration;

/// <summary>
/// The zero-photon peak of the per-sample level histogram: samples that caught no photon form a Gaussian at the zero level
/// whose width is the read noise. Photons only add, so the peak's lower side is free of them; where photons are resolved
/// (one photon ≳ 3 read-noise widths) it is the lowest peak of the histogram. Its lower side is fitted (log-parabola), or,
/// when clipping cut that side off, the side that remains.
/// </summary>
internal readonly struct ZeroPhotonPeak
{
    private const int Iterations = 6;

    public ZeroPhotonPeak(double level, double width, double fraction, bool cutByClip)
    {
        Level = level;
        Width = width;
        Fraction = fraction;
        CutByClip = cutByClip;
    }

    public double Level { get; }

    /// <summary>Read noise σ in levels (rounding to integer levels removed).</summary>
    public double Width { get; }

    /// <summary>Share of all unclipped samples in the peak (its Gaussian mass).</summary>
    public double Fraction { get; }

    /// <summary>The lower side lay below the clip level: the upper side was fitted.</summary>
    public bool CutByClip { get; }

    /// <summary>
    /// Finds the lowest Gaussian peak of <paramref name="histogram"/> above <paramref name="clipLow"/>, or null. <paramref name="gain"/>
    /// (levels per photon, NaN when unknown) tells how far above a cut-off peak's centre the one-photon samples begin.
    /// </summary>
    public static ZeroPhotonPeak? Find(LowLevelHistogram histogram, double clipLow, bool integerLevels, double gain = double.NaN)
    {
        long[] counts = histogram.Counts;
        int n = counts.Length;
        int first = 0;
        while (first < n && (counts[first] == 0 || histogram.Level(first) <= clipLow)) first++;
        if (first >= n) return null;
        int last = n - 1;
        while (last > first && counts[last] == 0) last--;
        long total = 0;
        for (int i = first; i <= last; i++) total += counts[i];
        if (total < 200) return null;

        // Start from the global maximum and step down to any peak below it that holds real mass.
        int limit = last;
        for (int attempt = 0; attempt < 8; attempt++)
        {
            int mode = first;
            for (int i = first; i <= limit; i++) if (counts[i] > counts[mode]) mode = i;
            if (counts[mode] < 20) return null;
            // Provisional width from the half maximum on the lower side (the upper one when the lower is cut off).
            // The walk stops at a dip too (two lower levels rising again): a lower peak's side is not this one's.
            int j = mode;
            while (j > first && counts[j] > counts[mode] / 2 && !(j - 2 >= first && counts[j - 1] > counts[j] && counts[j - 2] > counts[j - 1])) j--;
            double sigmaBins = Math.Max(0.5, (mode - j) / 1.1774);
            int belowIndex = (int)Math.Floor(mode - 2 * sigmaBins);
            if (belowIndex > first)
            {
                long under = 0;
                for (int i = first; i < belowIndex; i++) under += counts[i];
                // A Gaussian holds 2.3 % of its mass below 2σ; four times that is another, lower peak, if the counts rise again
                // below this one (a long tail of a broad peak only falls). A sparse-photon movie's zero-photon peak may hold only a
                // few thousandths of the samples under a far higher pile of one-photon samples.
                double mass = counts[mode] * sigmaBins * Math.Sqrt(2 * Math.PI);
                if (under >= Math.Max(50, 0.002 * total) && under >= 0.1 * mass && RisesBelow(counts, first, belowIndex, mode))
                {
                    limit = belowIndex;
                    continue;
                }
            }
            return FitAt(histogram, first, mode, total, integerLevels, gain);
        }
        return null;
    }

    /// <summary>
    /// Whether, walking down from <paramref name="mode"/>, the counts below <paramref name="below"/> rise above the lowest count
    /// passed by more than Poisson scatter (3σ of the difference of two counts): a lower peak, not the side of this one.
    /// </summary>
    private static bool RisesBelow(long[] counts, int first, int below, int mode)
    {
        long lowest = counts[mode];
        for (int i = mode - 1; i >= first; i--)
        {
            if (counts[i] < lowest) lowest = counts[i];
            else if (i < below && counts[i] - lowest > 3 * Math.Sqrt(counts[i] + lowest) + 1) return true;
        }
        return false;
    }

    private static ZeroPhotonPeak? FitAt(LowLevelHistogram histogram, int first, int mode, long total, bool integerLevels, double gain)
    {
        long[] counts = histogram.Counts;
        double w = histogram.Width;
        // The maximum at the lowest level kept: the lower side is cut off (clipped) or empty.
        bool cut = mode == first;
        // First guess of σ (in bins) from the half-maximum on the lower side, or the upper side when the lower is cut.
        double half = counts[mode] / 2.0;
        int j = mode;
        if (!cut)
        {
            while (j > first && counts[j] > half) j--;
            if (j == first && counts[j] > half) cut = true;
        }
        double sigmaBins;
        if (cut)
        {
            j = mode;
            while (j < counts.Length - 1 && counts[j] > half) j++;
            sigmaBins = Math.Max(0.5, (j - mode) / 1.1774);
        }
        else
        {
            sigmaBins = Math.Max(0.5, (mode - j) / 1.1774);
        }
        double centre = mode;
        for (int iteration = 0; iteration < Iterations; iteration++)
        {
            int lo, hi;
            if (cut)
            {
                // 0.6σ of a Gaussian's top barely bends ln(count): where one photon lies far above the read noise, the upper side
                // is fitted further (up to 1.5σ, still ≥ 1σ clear of the one-photon samples' own spread).
                double reach = double.IsNaN(gain) ? 0.6 : Math.Max(0.6, Math.Min(1.5, (gain / (sigmaBins * w) - 2.5) / 2));
                lo = first;
                hi = Math.Max(first + 3, (int)Math.Ceiling(Math.Max(centre, first) + reach * sigmaBins));
            }
            else
            {
                lo = Math.Max(first, (int)Math.Floor(centre - 2.5 * sigmaBins));
                hi = Math.Max(mode + 1, (int)Math.Ceiling(centre + 0.5 * sigmaBins));
                if (hi - lo < 2) { lo = Math.Max(first, mode - 1); hi = mode + 1; }
            }
            hi = Math.Min(hi, counts.Length - 1);
            if (!FitLogParabola(counts, lo, hi, out double c, out double s)) return SpikePeak(histogram, mode, total, integerLevels, cut);
            if (!cut && (c < lo - 1 || c > hi + 1)) return SpikePeak(histogram, mode, total, integerLevels, cut);
            centre = c;
            sigmaBins = s;
        }
        double level = histogram.Level(0) + centre * w;
        double sigma = sigmaBins * w;
        if (integerLevels && sigma >= 0.5) sigma = Math.Sqrt(Math.Max(sigma * sigma - 1.0 / 12, 0));
        double peakCount = Math.Exp(PeakLog(counts, centre, sigmaBins, cut ? first : Math.Max(first, (int)Math.Round(centre))));
        double mass = peakCount * sigmaBins * Math.Sqrt(2 * Math.PI);
        return new ZeroPhotonPeak(level, sigma, Math.Min(1, mass / total), cut);
    }

    /// <summary>A peak narrower than a bin (no read noise to speak of): the mode itself.</summary>
    private static ZeroPhotonPeak? SpikePeak(LowLevelHistogram histogram, int mode, long total, bool integerLevels, bool cut)
    {
        long[] counts = histogram.Counts;
        long left = mode > 0 ? counts[mode - 1] : 0, right = mode + 1 < counts.Length ? counts[mode + 1] : 0;
        if (left > 0.3 * counts[mode] || right > 0.3 * counts[mode]) return null;
        double sigma = integerLevels ? 0 : histogram.Width / Math.Sqrt(12);
        return new ZeroPhotonPeak(histogram.Level(mode), sigma, counts[mode] / (double)total, cut);
    }

    private static double PeakLog(long[] counts, double centre, double sigma, int at)
    {
        double c = Math.Max(counts[at], 1);
        double dx = at - centre;
        return Math.Log(c) + dx * dx / (2 * sigma * sigma);
    }

    /// <summary>Count-weighted least squares of ln(count) = a + b·i + c·i² over bins lo..hi; the centre −b/2c and σ = √(−1/2c).</summary>
    private static bool FitLogParabola(long[] counts, int lo, int hi, out double centre, out double sigma)
    {
        centre = sigma = double.NaN;
        double m = 0.5 * (lo + hi);
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        int points = 0;
        for (int i = lo; i <= hi; i++)
        {
            if (counts[i] <= 0) continue;
            double wgt = counts[i], x = i - m, y = Math.Log(counts[i]);
            double x2 = x * x;
            s0 += wgt; s1 += wgt * x; s2 += wgt * x2; s3 += wgt * x2 * x; s4 += wgt * x2 * x2;
            t0 += wgt * y; t1 += wgt * x * y; t2 += wgt * x2 * y;
            points++;
        }
        if (points < 3) return false;
        // Solve the 3×3 normal equations by Cramer's rule.
        double det = s0 * (s2 * s4 - s3 * s3) - s1 * (s1 * s4 - s3 * s2) + s2 * (s1 * s3 - s2 * s2);
        if (!(Math.Abs(det) > 0)) return false;
        double b = (s0 * (t1 * s4 - s3 * t2) - t0 * (s1 * s4 - s3 * s2) + s2 * (s1 * t2 - t1 * s2)) / det;
        double c = (s0 * (s2 * t2 - t1 * s3) - s1 * (s1 * t2 - t1 * s2) + t0 * (s1 * s3 - s2 * s2)) / det;
        if (!(c < 0)) return false;
        centre = m - b / (2 * c);
        sigma = Math.Sqrt(-1 / (2 * c));
        return !double.IsNaN(centre) && sigma > 0;
    }
}
