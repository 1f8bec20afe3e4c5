namespace PhotonCodec.Core.Sources;

/// <summary>How to read an input beyond its format: which dataset, channel and plane, and the layout of a raw binary.</summary>
public sealed class SourceOptions
{
    /// <summary>HDF5 dataset or NWB series path (leading '/' optional); null = the single candidate.</summary>
    public string? Dataset { get; set; }

    /// <summary>Channel to read from a multi-channel stack; null = every channel (each its own array).</summary>
    public int? Channel { get; set; }

    /// <summary>Plane (z-slice / position) to read from a multi-plane stack; required when there are several.</summary>
    public int? Plane { get; set; }

    /// <summary>Raw binary shape: {T, H, W} or {H, W} (T then derived from the file size).</summary>
    public long[]? RawShape { get; set; }

    /// <summary>Raw binary element type.</summary>
    public PixelType? RawDType { get; set; }

    /// <summary>Raw binary stored big-endian.</summary>
    public bool RawBigEndian { get; set; }

    /// <summary>True when a raw layout was given: the file is then read as raw whatever its first bytes.</summary>
    public bool IsRaw => RawShape is not null || RawDType is not null;
}
