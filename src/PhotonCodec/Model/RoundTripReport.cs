namespace PhotonCodec;

/// <summary>Test-PhotonRoundTrip -Detailed.</summary>
public sealed class RoundTripReport
{
    public bool Passed { get; init; }
    public string Path { get; init; } = "";

    /// <summary>The channel of a multi-channel input this is about (null for a single-channel movie).</summary>
    public int? Channel { get; init; }
    public string? ZarrPath { get; init; }
    public string Mode { get; init; } = "";
    public int Frames { get; init; }
    public double MaxAbsError { get; init; }
    public double MaxErrorSigma { get; init; }
    public double RmsErrorSigma { get; init; }
    public double MeanBiasPhotons { get; init; }
    public long MismatchedPixels { get; init; }
    public int? FirstBadFrame { get; init; }

    /// <summary>The bound checked (|error| in σ); exact modes allow 0.</summary>
    public double AllowedErrorSigma { get; init; }

    public string Reason { get; init; } = "";

    /// <summary>Worst decile's |RMS added error| over its declared noise σ (the parameters' noise model); null without deciles.</summary>
    public double? WorstRmsVsDeclared { get; init; }

    /// <summary>Worst decile's |bias| over its declared noise σ.</summary>
    public double? WorstBiasVsDeclared { get; init; }

    /// <summary>Worst decile's RMS added error over its measured temporal noise (RMS of (x[t+1] − x[t]) / √2).</summary>
    public double? WorstRmsVsMeasured { get; init; }

    /// <summary>Worst decile's |bias| over its measured temporal noise.</summary>
    public double? WorstBiasVsMeasured { get; init; }

    /// <summary>The added error per tenth of the pixels by temporal mean (darkest first).</summary>
    public PhotonCodec.Core.Pipeline.IntensityDecile[] Deciles { get; init; } = System.Array.Empty<PhotonCodec.Core.Pipeline.IntensityDecile>();
}
