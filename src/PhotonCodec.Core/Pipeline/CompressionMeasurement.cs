using PhotonCodec.Core.Calibration;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>What one mode stores for one movie, measured in memory.</summary>
public sealed class CompressionMeasurement
{
    public string Source { get; init; } = "";
    public CodecMode Mode { get; init; }
    public PixelType PixelType { get; init; }
    public PixelType StoredType { get; init; }
    public int Frames { get; init; }
    public long Pixels { get; init; }
    public long InputBytes { get; init; }

    /// <summary>Sum of the Blosc-compressed chunks.</summary>
    public long StoredBytes { get; init; }

    public double Ratio => StoredBytes > 0 ? (double)InputBytes / StoredBytes : 0;
    public double BitsPerPixel => Pixels > 0 ? 8.0 * StoredBytes / Pixels : 0;
    public double EntropyBitsPerPixel { get; init; }
    public RoundTripStatistics Errors { get; init; } = null!;
    public AnscombeParameters? Parameters { get; init; }
    public PhotonTransferEstimate? Estimate { get; init; }
    /// <summary>Doubts about the conversion beyond the estimate's own warnings (given parameters that disagree with the movie's noise).</summary>
    public System.Collections.Generic.IReadOnlyList<string> Warnings { get; init; } = System.Array.Empty<string>();

    public double Seconds { get; init; }
}
