using System.IO;

namespace PhotonCodec.Core.Codecs;

/// <summary>Encoded chunk bytes that do not decode: a checksum mismatch, a truncated shard, a bad deflate stream.</summary>
/// <remarks>An <see cref="IOException"/> like <see cref="BloscFormatException"/> (InvalidDataException is sealed).</remarks>
public sealed class CorruptChunkException : IOException
{
    public CorruptChunkException(string message, System.Exception? inner = null) : base(message, inner) { }
}
