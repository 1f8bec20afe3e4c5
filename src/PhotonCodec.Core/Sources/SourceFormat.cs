namespace PhotonCodec.Core.Sources;

/// <summary>What a file's first bytes say it is.</summary>
public enum SourceFormat
{
    Unknown,
    Tiff,
    BigTiff,
    Hdf5,
}
