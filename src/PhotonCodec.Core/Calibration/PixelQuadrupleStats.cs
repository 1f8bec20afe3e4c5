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
    public double Noise(int pixel, int half, bool lowClipped = false) =>
        (Sum(_noise, pixel, half) + (lowClipped ? Sum(_lowNoise, pixel, half) : 0)) / Count(pixel, half, lowClipped);

    /// <summary>Mean level of the pixel's triples counted as in <see cref="Noise"/>.</summary>
    public double Level(int pixel, int half, bool lowClipped = false) =>
        (Sum(_level, pixel, half) + (lowClipped ? Sum(_lowLevel, pixel, half) : 0)) / Count(pixel, half, lowClipped);

    private double Sum(double[] values, int pixel, int half) => half >= 0 ? values[half * _pixels + pixel] : values[pixel] + values[_pixels + pixel];
}
