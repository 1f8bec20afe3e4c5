using System;
using System.IO;
using System.Management.Automation;
using PhotonCodec.Core.Calibration;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Infrastructure;

/// <summary>Maps Core exceptions to ErrorRecords with a stable id and a fitting category.</summary>
public static class ErrorRecords
{
    public static ErrorRecord Create(Exception exception, string errorId, ErrorCategory category, object? target) =>
        new(exception, errorId, category, target);

    public static ErrorRecord FromException(Exception exception, object? target)
    {
        (string id, ErrorCategory category) = Classify(exception);
        return new ErrorRecord(exception, id, category, target);
    }

    public static (string Id, ErrorCategory Category) Classify(Exception exception) => exception switch
    {
        UnsupportedTiffException => (ErrorIds.UnsupportedTiff, ErrorCategory.InvalidData),
        UnsupportedFormatException => (ErrorIds.UnsupportedFormat, ErrorCategory.InvalidData),
        UnsupportedHdf5Exception => (ErrorIds.UnsupportedHdf5, ErrorCategory.InvalidData),
        CorruptHdf5Exception => (ErrorIds.CorruptHdf5, ErrorCategory.InvalidData),
        SourceSelectionException => (ErrorIds.InvalidSelection, ErrorCategory.InvalidArgument),
        Core.Pipeline.Migration.MigrationManifestException => (ErrorIds.InvalidManifest, ErrorCategory.InvalidData),
        CorruptTiffException => (ErrorIds.CorruptTiff, ErrorCategory.InvalidData),
        BloscFormatException => (ErrorIds.CorruptChunk, ErrorCategory.InvalidData),
        ChunkChecksumException => (ErrorIds.CorruptChunk, ErrorCategory.InvalidData),
        MissingChunkException => (ErrorIds.MissingChunk, ErrorCategory.InvalidData),
        ChunkFixityException => (ErrorIds.CorruptChunk, ErrorCategory.InvalidData),
        ZarrDestinationExistsException => (ErrorIds.DestinationExists, ErrorCategory.ResourceExists),
        DestinationLockedException => (ErrorIds.DestinationLocked, ErrorCategory.ResourceBusy),
        ExistingArchiveException e => (e.ErrorId, ErrorCategory.ResourceExists),
        DestinationNotZarrException => (ErrorIds.DestinationNotZarr, ErrorCategory.InvalidArgument),
        ExportDestinationExistsException => (ErrorIds.DestinationExists, ErrorCategory.ResourceExists),
        ZarrFormatException z when z.InnerException is BloscFormatException => (ErrorIds.CorruptChunk, ErrorCategory.InvalidData),
        ZarrFormatException z when z.InnerException is CorruptChunkException => (ErrorIds.CorruptChunk, ErrorCategory.InvalidData),
        CorruptChunkException => (ErrorIds.CorruptChunk, ErrorCategory.InvalidData),
        CodecConfigurationException => (ErrorIds.UnsupportedZarr, ErrorCategory.InvalidData),
        ZarrFormatException or PhotonAttributesException => (ErrorIds.UnsupportedZarr, ErrorCategory.InvalidData),
        CorruptCodeException => (ErrorIds.CorruptChunk, ErrorCategory.InvalidData),
        CodeRangeException => (ErrorIds.CodeRangeExceeded, ErrorCategory.InvalidArgument),
        FloatPrecisionException => (ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument),
        LevelOutOfTableException => (ErrorIds.UnsupportedInput, ErrorCategory.InvalidData),
        PhotonTransferException => (ErrorIds.NotPhotonData, ErrorCategory.InvalidData),
        PhotonInputException => (ErrorIds.UnsupportedInput, ErrorCategory.InvalidArgument),
        FileNotFoundException or DirectoryNotFoundException => (ErrorIds.InputNotFound, ErrorCategory.ObjectNotFound),
        ArgumentException => (ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument),
        NotSupportedException => (ErrorIds.UnsupportedInput, ErrorCategory.NotImplemented),
        InvalidDataException => (ErrorIds.CorruptChunk, ErrorCategory.InvalidData),
        System.Text.Json.JsonException => (ErrorIds.UnsupportedZarr, ErrorCategory.InvalidData),
        UnauthorizedAccessException => (ErrorIds.WriteFailed, ErrorCategory.PermissionDenied),
        IOException => (ErrorIds.WriteFailed, ErrorCategory.WriteError),
        // A movie too large for a 32-bit count or index, or a state the input led the Core into.
        OverflowException or InvalidOperationException or FormatException => (ErrorIds.UnsupportedInput, ErrorCategory.InvalidData),
        // Only a defect of PhotonCodec itself lands here (every exception the Core throws for an input is mapped above).
        _ => (ErrorIds.Failed, ErrorCategory.NotSpecified),
    };
}
