using System;

namespace PhotonCodec.Core.Transform;

/// <summary>Stored codes or stabilized values that no input level could have produced (corrupt or foreign data).</summary>
public sealed class CorruptCodeException : FormatException
{
    public CorruptCodeException(string message) : base(message) { }
}
