using System;

namespace PhotonCodec.Core.Calibration;

/// <summary>
/// Per-pixel statistics of disjoint quadruples of consecutive frames: a triple (a, b, c) gives the pixel's noise variance
/// (a − 2b + c)²/6 and the level it belongs to (a + 4b + c)/6, and the fourth frame, the key, gives an independent level and its
/// scatter. Binning pixels by the key's mean and testing stationarity on the key's scatter leaves the triple's noise unselected,
/// so a bin's mean noise is unbiased for any noise distribution (a pixel's own mean is not: Poisson and PMT noise are skewed,
/// so the mean and the noise of the same frames covary). Kept per half of the movie; samples at a clip level are left out.
/// </summary>
internal sealed class PixelQuadrupleStats
{
    private readonly int _pixels;
    private readonly double[] _noise, _level, _count, _clipped, _keyClipped;
    // Triples that touch the low clip level only (none saturated), kept apart: see Noise.
    private readonly double[] _lowNoise, _lowLevel, _lowCount;
    // The same triples split into their unclipped part and the clipped samples' weights, so that a model of the clipped samples
    // (ClippedMoments) can stand in for them afterwards: Σr², Σr·W, ΣW², Σ|w|², Σ level part, Σ level weight (see Noise).
    private readonly double[] _lowR2, _lowRW, _lowW1Squared, _lowW2, _lowLevelPart, _lowLevelWeight;
    private readonly double[] _keySum, _keySquares, _keyShift, _keyStep, _keyPrevious;

    public PixelQuadrupleStats(int pixels)
    {
        _pixels = pixels;
        _noise = new double[2 * pixels];
        _level = new double[2 * pixels];
        _count = new double[2 * pixels];
        _clipped = new double[pixels];
        _lowNoise = new double[2 * pixels];
        _lowLevel = new double[2 * pixels];
        _lowCount = new double[2 * pixels];
        _lowR2 = new double[2 * pixels];
        _lowRW = new double[2 * pixels];
        _lowW1Squared = new double[2 * pixels];
        _lowW2 = new double[2 * pixels];
        _lowLevelPart = new double[2 * pixels];
        _lowLevelWeight = new double[2 * pixels];
        _keyClipped = new double[pixels];
        _keySum = new double[pixels];
        _keySquares = new double[pixels];
        _keyShift = new double[pixels];
        _keyStep = new double[pixels];
        _keyPrevious = new double[pixels];
    }

    /// <summary>Quadruples added, in both halves.</summary>
    public int Quadruples { get; private set; }

    public double ClipLow { get; set; } = double.NegativeInfinity;
    public double ClipHigh { get; set; } = double.PositiveInfinity;

    /// <summary>
    /// Mean and mean square of what a sample at the low clip level really was (a zero-photon sample below the floor: the truncated
    /// moments of the zero-photon peak). When set, the triples clipped low count with these moments in place of the floor value.
    /// </summary>
    public (double Mean, double Square)? ClippedMoments { get; set; }

    public void Add(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, ReadOnlySpan<double> key, int half)
    {
        const double Sixth = 1.0 / 6;
        int offset = half * _pixels;
        bool first = Quadruples == 0;
        double clipLow = ClipLow, clipHigh = ClipHigh;
        for (int i = 0; i < _pixels; i++)
        {
            double x = a[i], y = b[i], z = c[i], k = key[i];
            if (first) _keyShift[i] = k;
            double dk = k - _keyShift[i];
            _keySum[i] += dk;
            _keySquares[i] += dk * dk;
            if (!first) { double step = k - _keyPrevious[i]; _keyStep[i] += step * step; }
            _keyPrevious[i] = k;
            if (k <= clipLow || k >= clipHigh) _keyClipped[i]++;
            double d = x - 2 * y + z;
            if (x <= clipLow || y <= clipLow || z <= clipLow || x >= clipHigh || y >= clipHigh || z >= clipHigh)
            {
                _clipped[i]++;
                if (x >= clipHigh || y >= clipHigh || z >= clipHigh) continue;
                _lowNoise[offset + i] += d * d * Sixth;
                _lowLevel[offset + i] += (x + 4 * y + z) * Sixth;
                _lowCount[offset + i]++;
                // Second-difference weights 1, −2, 1 and level weights 1/6, 4/6, 1/6 of the samples at the floor, and the rest.
                double r = 0, w1 = 0, w2 = 0, level = 0, levelWeight = 0;
                if (x <= clipLow) { w1 += 1; w2 += 1; levelWeight += Sixth; } else { r += x; level += x * Sixth; }
                if (y <= clipLow) { w1 -= 2; w2 += 4; levelWeight += 4 * Sixth; } else { r -= 2 * y; level += 4 * y * Sixth; }
                if (z <= clipLow) { w1 += 1; w2 += 1; levelWeight += Sixth; } else { r += z; level += z * Sixth; }
                _lowR2[offset + i] += r * r;
                _lowRW[offset + i] += r * w1;
                _lowW1Squared[offset + i] += w1 * w1;
                _lowW2[offset + i] += w2;
                _lowLevelPart[offset + i] += level;
                _lowLevelWeight[offset + i] += levelWeight;
                continue;
            }
            _noise[offset + i] += d * d * Sixth;
            _level[offset + i] += (x + 4 * y + z) * Sixth;
            _count[offset + i]++;
        }
        Quadruples++;
    }

    /// <summary>Mean level of the key frames (independent of the pixel's noise samples).</summary>
    public double KeyLevel(int pixel) => _keyShift[pixel] + _keySum[pixel] / Quadruples;

    /// <summary>Temporal variance of the key frames: noise alone for a stationary pixel, more where the signal changes.</summary>
    public double KeyVariance(int pixel)
    {
        int n = Quadruples;
        double m = _keySum[pixel] / n;
        return (_keySquares[pixel] - n * m * m) / (n - 1);
    }

    /// <summary>Half the mean squared step between successive key frames: the noise alone, as the variance is for a constant signal.</summary>
    public double KeyStepVariance(int pixel) => _keyStep[pixel] / (2.0 * (Quadruples - 1));

    /// <summary>Key frames of the pixel at a clip level (a test on the key frames alone, independent of the noise samples).</summary>
    public double KeyClipped(int pixel) => _keyClipped[pixel];

    /// <summary>Share of the pixel's triples left out because a value touched a clip level.</summary>
    public double ClippedShare(int pixel) => _clipped[pixel] / Quadruples;

    /// <summary>Unclipped triples of one half (0, 1) or both (−1); with <paramref name="lowClipped"/> also those clipped low only.</summary>
    public double Count(int pixel, int half, bool lowClipped = false) => Sum(_count, pixel, half) + (lowClipped ? Sum(_lowCount, pixel, half) : 0);

    /// <summary>
    /// Mean noise variance of the pixel's unclipped triples (NaN when none). With <paramref name="lowClipped"/> the triples that touch
    /// the low clip level count too, their clipped values as they are: for a pixel whose key level lies well above the floor these are
    /// the rare zero-photon samples, and leaving them out would drop its largest differences (too little noise, too steep a line),
    /// while keeping them only shrinks the read noise of those few samples.
    /// </summary>
    /// With <see cref="ClippedMoments"/> set, each clipped sample x of a triple counts by its expected value: for d = r + Σ wᵢxᵢ
    /// (r the unclipped part), E[d²] = r² + 2r·m₁·Σwᵢ + m₁²·(Σwᵢ)² + (m₂ − m₁²)·Σwᵢ².
    public double Noise(int pixel, int half, bool lowClipped = false) =>
        (Sum(_noise, pixel, half) + (lowClipped ? LowNoise(pixel, half) : 0)) / Count(pixel, half, lowClipped);

    /// <summary>Mean level of the pixel's triples counted as in <see cref="Noise"/>.</summary>
    public double Level(int pixel, int half, bool lowClipped = false) =>
        (Sum(_level, pixel, half) + (lowClipped ? LowLevel(pixel, half) : 0)) / Count(pixel, half, lowClipped);

    private double LowNoise(int pixel, int half)
    {
        if (ClippedMoments is not (double m1, double m2)) return Sum(_lowNoise, pixel, half);
        double expected = Sum(_lowR2, pixel, half) + 2 * m1 * Sum(_lowRW, pixel, half) + m1 * m1 * Sum(_lowW1Squared, pixel, half)
            + (m2 - m1 * m1) * Sum(_lowW2, pixel, half);
        return expected / 6;
    }

    private double LowLevel(int pixel, int half) => ClippedMoments is (double m1, double _)
        ? Sum(_lowLevelPart, pixel, half) + m1 * Sum(_lowLevelWeight, pixel, half)
        : Sum(_lowLevel, pixel, half);

    private double Sum(double[] values, int pixel, int half) => half >= 0 ? values[half * _pixels + pixel] : values[pixel] + values[_pixels + pixel];
}
