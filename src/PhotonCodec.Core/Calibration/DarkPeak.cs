using System;

namespace PhotonCodec.Core.Calibration;

/// <summary>The lowest peak of the level histogram: where zero-photon pixels sit (centre = zero level, lower-half σ = read noise).</summary>
internal readonly struct DarkPeak
{
    public DarkPeak(double level, double width, long samples)
    {
        Level = level;
        Width = width;
        Samples = samples;
    }

    public double Level { get; }

    /// <summary>σ of the lower half of the peak, levels (rounding to integer levels removed).</summary>
    public double Width { get; }

    /// <summary>Samples within ±1.5σ of the centre.</summary>
    public long Samples { get; }

    /// <summary>
    /// Finds the lowest significant local maximum of the histogram smoothed over a quarter photon, then refines its
    /// centre by a symmetric trimmed mean and its width from the lower half (photons only add above the centre).
    /// Returns null when no peak holds at least <paramref name="minFraction"/> of the samples.
    /// </summary>
    public static DarkPeak? Find(LowLevelHistogram histogram, double gain, bool integerLevels, double minFraction = 0.005)
    {
        long[] c = histogram.Counts;
        int size = c.Length;
        long total = 0;
        foreach (long v in c) total += v;
        if (total == 0) return null;

        var prefix = new long[size + 1];
        for (int i = 0; i < size; i++) prefix[i + 1] = prefix[i] + c[i];
        int floorIndex = 0;
        while (floorIndex < size && prefix[floorIndex + 1] < 0.0005 * total) floorIndex++;
        int medianIndex = floorIndex;
        while (medianIndex < size - 1 && prefix[medianIndex + 1] < 0.5 * total) medianIndex++;

        double w = histogram.Width;
        int h = (int)Math.Max(1, Math.Min(size / 64, Math.Round(gain > 0 ? gain / 4 / w : 1)));
        long Sum(int from, int to) // inclusive, clipped
        {
            if (from < 0) from = 0;
            if (to > size - 1) to = size - 1;
            return to < from ? 0 : prefix[to + 1] - prefix[from];
        }

        int mode = -1;
        long needed = (long)Math.Ceiling(minFraction * histogram.Total);
        for (int i = floorIndex; i <= medianIndex && mode < 0; i++)
        {
            long s = Sum(i - h, i + h);
            if (s == 0 || Sum(i - 3 * h, i + 3 * h) < needed) continue;
            bool isMax = true;
            for (int j = Math.Max(0, i - 3 * h); j <= Math.Min(size - 1, i + 3 * h) && isMax; j++)
                if (Sum(j - h, j + h) > s) isMax = false;
            if (isMax) mode = i;
        }
        if (mode < 0) return null;

        double mu = Mean(c, mode - 2 * h, mode + 2 * h, out _);
        double sigma = 0;
        long core = 0;
        for (int iteration = 0; iteration < 6; iteration++)
        {
            sigma = LowerHalfSigma(c, floorIndex, mu);
            double half = Math.Max(1.5 * sigma, 0.5);
            mu = Mean(c, (int)Math.Ceiling(mu - half), (int)Math.Floor(mu + half), out core);
        }
        sigma = LowerHalfSigma(c, floorIndex, mu);
        double level = histogram.Level(0) + mu * w;
        double width = sigma * w;
        // Rounding to integer levels adds 1/12 level² once the noise spans several levels.
        if (integerLevels && width * width >= 0.25) width = Math.Sqrt(width * width - 1.0 / 12);
        return new DarkPeak(level, width, core);
    }

    private static double Mean(long[] c, int from, int to, out long samples)
    {
        if (from < 0) from = 0;
        if (to > c.Length - 1) to = c.Length - 1;
        double sum = 0;
        samples = 0;
        for (int i = from; i <= to; i++) { sum += (double)c[i] * i; samples += c[i]; }
        return samples > 0 ? sum / samples : (from + to) / 2.0;
    }

    private static double LowerHalfSigma(long[] c, int from, double mu)
    {
        double sum = 0;
        long n = 0;
        int top = (int)Math.Floor(mu);
        for (int i = Math.Max(0, from); i <= top && i < c.Length; i++)
        {
            double d = i - mu;
            sum += c[i] * d * d;
            n += c[i];
        }
        return n > 0 ? Math.Sqrt(sum / n) : 0;
    }
}
