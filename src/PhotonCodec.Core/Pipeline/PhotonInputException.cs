using System;

namespace PhotonCodec.Core.Pipeline;

/// <summary>The input cannot be stored in the requested mode (e.g. float pixels in Quantized mode).</summary>
public sealed class PhotonInputException : InvalidOperationException
{
    public PhotonInputException(string message) : base(message) { }
}
