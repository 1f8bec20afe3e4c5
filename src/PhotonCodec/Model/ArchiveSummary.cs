namespace PhotonCodec;

/// <summary>A .zarr as a whole (Measure-PhotonCompression on a .zarr without -PerChunk).</summary>
public sealed class ArchiveSummary
{
    public string Path { get; init; } = "";
    public string Mode { get; init; } = "";
    public long Frames { get; init; }
    public long Height { get; init; }
    public long Width { get; init; }
    public string DType { get; init; } = "";
    public string StoredDType { get; init; } = "";
    public long Chunks { get; init; }
    public long DecodedBytes { get; init; }
    public long StoredBytes { get; init; }
    public double Ratio { get; init; }
    public double BitsPerPixel { get; init; }
}
