using System;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>A migration manifest that cannot be read or planned (a bad line, two sources for one destination).</summary>
public sealed class MigrationManifestException : Exception
{
    public MigrationManifestException(string message) : base(message) { }
    public MigrationManifestException(string message, Exception inner) : base(message, inner) { }
}
