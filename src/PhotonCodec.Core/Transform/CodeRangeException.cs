using System;

namespace PhotonCodec.Core.Transform;

/// <summary>The codes of a movie's level range do not fit in uint16 for the chosen beta and gain.</summary>
public sealed class CodeRangeException : Exception
{
    public CodeRangeException(string message) : base(message) { }

    /// <summary>Number of distinct codes the level range would need.</summary>
    public double RequiredCodes { get; init; }
}
