using System.IO;

namespace PhotonCodec.Infrastructure;

/// <summary>
/// -SkipExisting found an archive at the destination that it must not skip: it records another source (or none:
/// <see cref="ErrorIds.SourceChanged"/>) or fails its fixity check (<see cref="ErrorIds.ArchiveNotVerified"/>).
/// Without -Force it is reported and left as it is.
/// </summary>
public sealed class ExistingArchiveException : IOException
{
    public ExistingArchiveException(string errorId, string message) : base(message) => ErrorId = errorId;

    public string ErrorId { get; }
}
