namespace PhotonCodec.Core.Calibration;

/// <summary>The zero-photon population: its centre is the zero level, its temporal σ the read noise.</summary>
internal readonly struct DarkPeak
{
    public DarkPeak(double level, double width, long pixels, double skewness)
    {
        Level = level;
        Width = width;
        Pixels = pixels;
        Skewness = skewness;
    }

    public double Level { get; }

    /// <summary>Read noise σ in levels (rounding to integer levels removed).</summary>
    public double Width { get; }

    /// <summary>Mean temporal skewness of its pixels: near 0 for read noise alone, 1/√λ for λ photons per frame.</summary>
    public double Skewness { get; }

    /// <summary>Pixels in the population.</summary>
    public long Pixels { get; }
}
