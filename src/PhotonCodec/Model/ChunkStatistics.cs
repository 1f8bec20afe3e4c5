namespace PhotonCodec;

/// <summary>One chunk file of a .zarr (Measure-PhotonCompression -PerChunk).</summary>
public sealed class ChunkStatistics
{
    public string Path { get; init; } = "";
    public long ChunkIndex { get; init; }
    public long FirstFrame { get; init; }
    public int Frames { get; init; }
    public long StoredBytes { get; init; }
    public long DecodedBytes { get; init; }
    public double Ratio { get; init; }
    public double BitsPerPixel { get; init; }

    /// <summary>Why the chunk cannot be read (a bad Blosc header, a truncated file); empty when it is sound.</summary>
    public string Problem { get; init; } = "";
}
