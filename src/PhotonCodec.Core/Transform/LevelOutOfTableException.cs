using System;

namespace PhotonCodec.Core.Transform;

/// <summary>A level to encode lies outside the level range the quantization table was built for.</summary>
public sealed class LevelOutOfTableException : ArgumentException
{
    public LevelOutOfTableException(string message) : base(message) { }
}
