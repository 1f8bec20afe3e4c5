namespace PhotonCodec;

/// <summary>What one mode costs and buys on one movie (Measure-PhotonCompression).</summary>
public sealed class CompressionReport
{
    public string Path { get; init; } = "";

    /// <summary>The channel of a multi-channel input this is about (null for a single-channel movie).</summary>
    public int? Channel { get; init; }
    public string Mode { get; init; } = "";
    public long InputBytes { get; init; }
    public long StoredBytes { get; init; }
    public double Ratio { get; init; }
    public double BitsPerPixel { get; init; }

    /// <summary>Order-0 entropy of the stored values: the bound a per-pixel coder cannot beat.</summary>
    public double EntropyBitsPerPixel { get; init; }

    /// <summary>Largest |decoded − original| in units of the noise σ at that pixel's level (0 for exact modes).</summary>
    public double MaxErrorSigma { get; init; }

    /// <summary>RMS of (decoded − original)/σ.</summary>
    public double RmsErrorSigma { get; init; }

    public double MaxAbsError { get; init; }
    public double? Gain { get; init; }
    public double? ZeroLevel { get; init; }
    public double? ReadNoise { get; init; }
    public double? Beta { get; init; }

    /// <summary>Baseline stored bytes / this mode's stored bytes (with -Baseline): how much smaller than raw integers under the same Blosc.</summary>
    public double? GainOverBaseline { get; init; }
}
