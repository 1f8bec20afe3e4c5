using System;

namespace PhotonCodec.Core.Transform;

/// <summary>The <c>.zattrs</c> photon description is missing, incomplete or inconsistent.</summary>
public sealed class PhotonAttributesException : FormatException
{
    public PhotonAttributesException(string message) : base(message) { }
}
