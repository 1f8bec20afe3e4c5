using System;

namespace PhotonCodec.Core.Pipeline;

/// <summary>Lossless mode: pixels stored as they are.</summary>
internal sealed class LosslessTransform : IChunkTransform
{
    public LosslessTransform(PixelType type) => OriginalType = type;

    public PixelType OriginalType { get; }

    public PixelType StoredType => OriginalType;

    public void Encode(ReadOnlySpan<byte> original, Span<byte> stored) => original.CopyTo(stored);

    public void Decode(ReadOnlySpan<byte> stored, Span<byte> original) => stored.CopyTo(original);
}
