using System;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>Float mode: levels ↔ stabilized float values.</summary>
internal sealed class FloatTransform : IChunkTransform
{
    private readonly FloatAnscombeCodec _codec;

    public FloatTransform(FloatAnscombeCodec codec) => _codec = codec;

    public PixelType OriginalType => _codec.InputType;

    public PixelType StoredType => _codec.FloatType;

    public void Encode(ReadOnlySpan<byte> original, Span<byte> stored) => _codec.Encode(original, stored);

    public void Decode(ReadOnlySpan<byte> stored, Span<byte> original) => _codec.Decode(stored, original);
}
