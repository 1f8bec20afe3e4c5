using System;

namespace PhotonCodec.Core.Transform;

/// <summary>The chosen float type cannot hold the stabilized values precisely enough to recover every level exactly.</summary>
public sealed class FloatPrecisionException : ArgumentException
{
    public FloatPrecisionException(string message) : base(message) { }
}
