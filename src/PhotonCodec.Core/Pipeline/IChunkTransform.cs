using System;

namespace PhotonCodec.Core.Pipeline;

/// <summary>What a mode does to a chunk's pixels between the source and Blosc, and back.</summary>
internal interface IChunkTransform
{
    PixelType OriginalType { get; }

    PixelType StoredType { get; }

    /// <summary>Native bytes of OriginalType → native bytes of StoredType (same pixel count). Thread-safe.</summary>
    void Encode(ReadOnlySpan<byte> original, Span<byte> stored);

    /// <summary>Native bytes of StoredType → native bytes of OriginalType. Thread-safe.</summary>
    void Decode(ReadOnlySpan<byte> stored, Span<byte> original);
}
