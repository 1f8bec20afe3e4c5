using PhotonCodec.Core.Calibration;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>What a conversion did (the Core's side of the cmdlets' ConversionResult).</summary>
public sealed class ConversionSummary
{
    public string Source { get; init; } = "";
    public string Destination { get; init; } = "";
    public CodecMode Mode { get; init; }
    public int Frames { get; init; }
    public int Height { get; init; }
    public int Width { get; init; }
    public PixelType PixelType { get; init; }
    public PixelType StoredType { get; init; }
    public long InputBytes { get; init; }

    /// <summary>Sum of the chunk files (what numcodecs would store for the same values).</summary>
    public long ChunkBytes { get; init; }

    /// <summary>Everything on disk: chunks plus .zarray and .zattrs.</summary>
    public long StoredBytes { get; init; }

    public double Ratio => StoredBytes > 0 ? (double)InputBytes / StoredBytes : 0;

    public AnscombeParameters? Parameters { get; init; }

    /// <summary>Non-null when some photon parameter was measured from the movie.</summary>
    public PhotonTransferEstimate? Estimate { get; init; }

    /// <summary>Doubts about the conversion beyond the estimate's own warnings (given parameters that disagree with the movie's noise).</summary>
    public System.Collections.Generic.IReadOnlyList<string> Warnings { get; init; } = System.Array.Empty<string>();

    public double Seconds { get; init; }

    /// <summary>The part of <see cref="Seconds"/> spent estimating the photon parameters (0 when all were given).</summary>
    public double EstimationSeconds { get; init; }

    public double MBPerSecond => Seconds > 0 ? InputBytes / 1e6 / Seconds : 0;
}
