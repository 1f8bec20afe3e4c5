using System.IO;

namespace PhotonCodec.Core.Codecs;

/// <summary>A Blosc frame that is truncated, inconsistent or otherwise not what its header promises.</summary>
/// <remarks>An <see cref="IOException"/> because <see cref="InvalidDataException"/> is sealed.</remarks>
public sealed class BloscFormatException : IOException
{
    public BloscFormatException(string message) : base(message) { }
}
