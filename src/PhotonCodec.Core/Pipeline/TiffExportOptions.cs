namespace PhotonCodec.Core.Pipeline;

/// <summary>How <see cref="TiffExporter"/> writes an archive back as TIFF.</summary>
public sealed class TiffExportOptions
{
    public TiffCompression Compression { get; set; } = TiffCompression.None;

    /// <summary>Always write BigTIFF; otherwise only when the file could pass 4 GiB (<see cref="TiffExporter.NeedsBigTiff"/>).</summary>
    public bool BigTiff { get; set; }

    /// <summary>Write the stored values (codes in Quantized mode) instead of the decoded levels, without the source's description.</summary>
    public bool Raw { get; set; }

    /// <summary>Replace an existing destination file (only once the new file is complete).</summary>
    public bool Overwrite { get; set; }
}
