using System;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// An array→array codec that maps each element on its own (a lookup table, a per-pixel inverse): it keeps the chunk's
/// shape, changes at most its dtype, and any run of elements decodes alone, so a reader may decode part of a chunk
/// (one frame of it) or each Blosc block while it is in cache.
/// </summary>
public abstract class ElementwiseCodec : ArrayToArrayCodec
{
    /// <summary>The dtype of the decoded elements (the array's).</summary>
    public abstract PixelType DecodedType { get; }

    /// <summary>The dtype of the encoded elements (what the next codec stores).</summary>
    public abstract PixelType EncodedType { get; }

    /// <summary>Native <see cref="EncodedType"/> elements → native <see cref="DecodedType"/> elements, as many as <paramref name="encoded"/> holds. Thread-safe.</summary>
    public abstract void DecodeElements(ReadOnlySpan<byte> encoded, Span<byte> destination);

    /// <summary>Native <see cref="DecodedType"/> elements → native <see cref="EncodedType"/> elements. Thread-safe.</summary>
    public abstract void EncodeElements(ReadOnlySpan<byte> decoded, Span<byte> destination);

    public override ChunkSpec Resolve(ChunkSpec input)
    {
        if (input.DType != DecodedType)
            throw new CodecConfigurationException($"codec '{Name}' decodes to {DecodedType.NumpyName()}, but the array is {input.DType.NumpyName()}.");
        return new ChunkSpec(input.Shape, EncodedType);
    }

    public override byte[] Encode(ReadOnlySpan<byte> chunk, ChunkSpec spec)
    {
        var encoded = new byte[spec.Elements * EncodedType.Size()];
        EncodeElements(chunk.Slice(0, spec.Bytes), encoded);
        return encoded;
    }

    public override void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> destination) =>
        DecodeElements(encoded.Slice(0, spec.Elements * EncodedType.Size()), destination.Slice(0, spec.Bytes));
}
