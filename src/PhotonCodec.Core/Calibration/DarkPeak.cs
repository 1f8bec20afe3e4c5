namespace PhotonCodec.Core.Calibration;

/// <summary>The zero-photon population: its centre is the zero level, its temporal σ the read noise.</summary>
internal readonly struct DarkPeak
{
    public DarkPeak(double level, double width, long pixels)
    {
        Level = level;
        Width = width;
        Pixels = pixels;
    }

    public double Level { get; }

    /// <summary>Read noise σ in levels (rounding to integer levels removed).</summary>
    public double Width { get; }

    /// <summary>Pixels in the population.</summary>
    public long Pixels { get; }
}
