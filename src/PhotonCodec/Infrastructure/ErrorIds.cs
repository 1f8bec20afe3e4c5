namespace PhotonCodec.Infrastructure;

/// <summary>The stable FullyQualifiedErrorId prefixes PhotonCodec writes (PowerShell appends ",Cmdlet.Type").</summary>
public static class ErrorIds
{
    public const string InputNotFound = "PhotonCodec.InputNotFound";
    public const string UnsupportedTiff = "PhotonCodec.UnsupportedTiff";
    public const string CorruptTiff = "PhotonCodec.CorruptTiff";
    public const string CorruptChunk = "PhotonCodec.CorruptChunk";
    public const string UnsupportedZarr = "PhotonCodec.UnsupportedZarr";
    public const string DestinationExists = "PhotonCodec.DestinationExists";
    public const string DestinationNotFolder = "PhotonCodec.DestinationNotFolder";
    public const string CodeRangeExceeded = "PhotonCodec.CodeRangeExceeded";
    public const string NotPhotonData = "PhotonCodec.NotPhotonData";
    public const string UnsupportedInput = "PhotonCodec.UnsupportedInput";
    public const string InvalidParameter = "PhotonCodec.InvalidParameter";
    public const string FrameOutOfRange = "PhotonCodec.FrameOutOfRange";
    public const string WriteFailed = "PhotonCodec.WriteFailed";
    public const string Failed = "PhotonCodec.Failed";
    public const string UnsupportedFormat = "PhotonCodec.UnsupportedFormat";
    public const string UnsupportedHdf5 = "PhotonCodec.UnsupportedHdf5";
    public const string CorruptHdf5 = "PhotonCodec.CorruptHdf5";
    public const string InvalidSelection = "PhotonCodec.InvalidSelection";
    public const string InvalidManifest = "PhotonCodec.InvalidManifest";
    public const string DestinationLocked = "PhotonCodec.DestinationLocked";
    public const string DestinationNotZarr = "PhotonCodec.DestinationNotZarr";
    public const string DestinationCollision = "PhotonCodec.DestinationCollision";
    public const string SourceChanged = "PhotonCodec.SourceChanged";
    public const string ArchiveNotVerified = "PhotonCodec.ArchiveNotVerified";
    public const string MissingChunk = "PhotonCodec.MissingChunk";
    public const string InputUnreadable = "PhotonCodec.InputUnreadable";
}
