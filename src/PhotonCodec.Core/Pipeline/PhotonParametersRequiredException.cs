using System;

namespace PhotonCodec.Core.Pipeline;

/// <summary>A photon mode was asked for without the gain, zero level and read noise it needs.</summary>
public sealed class PhotonParametersRequiredException : ArgumentException
{
    public PhotonParametersRequiredException(string message) : base(message) { }
}
