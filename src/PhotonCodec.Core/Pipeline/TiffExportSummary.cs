namespace PhotonCodec.Core.Pipeline;

/// <summary>One TIFF file written by <see cref="TiffExporter"/>.</summary>
public sealed record TiffExportSummary
{
    /// <summary>The archive (for a channel of a group, the channel's array folder; for a hyperstack, the group).</summary>
    public string Source { get; init; } = "";
    public string Destination { get; init; } = "";

    /// <summary>Time points written (a hyperstack holds Frames × Channels pages).</summary>
    public int Frames { get; init; }
    public int Channels { get; init; } = 1;
    public int Height { get; init; }
    public int Width { get; init; }
    public PixelType PixelType { get; init; }
    public TiffCompression Compression { get; init; }
    public bool BigTiff { get; init; }
    public bool Raw { get; init; }

    /// <summary>Whether the source's ImageDescription (as recorded in .zattrs) was written.</summary>
    public bool DescriptionRestored { get; init; }

    /// <summary>Size of the written file.</summary>
    public long Bytes { get; init; }
    public double Seconds { get; init; }
}
