namespace PhotonCodec;

/// <summary>One TIFF file written by Export-PhotonTiff (a group archive gives one per channel, or one hyperstack).</summary>
public sealed class ExportResult
{
    /// <summary>The archive read (a channel's array folder, or the group for a hyperstack).</summary>
    public string Source { get; init; } = "";
    public string Destination { get; init; } = "";

    /// <summary>Time points (a hyperstack holds Frames × Channels pages).</summary>
    public int Frames { get; init; }
    public int Channels { get; init; }
    public int Height { get; init; }
    public int Width { get; init; }
    public string DType { get; init; } = "";
    public string Compression { get; init; } = "";
    public bool BigTiff { get; init; }

    /// <summary>True when the stored codes were written (-Raw) rather than decoded levels.</summary>
    public bool Raw { get; init; }

    /// <summary>Whether the source's ImageDescription, as recorded in .zattrs, was written on the first page.</summary>
    public bool DescriptionRestored { get; init; }

    /// <summary>Size of the TIFF file written.</summary>
    public long Bytes { get; init; }
    public double Seconds { get; init; }
}
