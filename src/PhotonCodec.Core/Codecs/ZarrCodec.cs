using System;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// A Zarr v3 codec: a name and a configuration that round-trip through <c>zarr.json</c>
/// (https://zarr-specs.readthedocs.io/en/latest/v3/core/v3.0.html#codecs). The kind is the subclass:
/// <see cref="ArrayToBytesCodec"/> (exactly one per chain) or <see cref="BytesToBytesCodec"/>.
/// </summary>
public abstract class ZarrCodec
{
    public abstract string Name { get; }

    /// <summary>Null when the codec has no configuration (then <c>configuration</c> is omitted).</summary>
    public abstract JsonObject? Configuration();

    public JsonObject ToJson()
    {
        var o = new JsonObject { ["name"] = Name };
        if (Configuration() is { } c) o["configuration"] = c;
        return o;
    }

    public override string ToString() => ToJson().ToJsonString();
}

/// <summary>A chunk in, a chunk out, possibly of another shape or dtype (<see cref="Resolve"/>): <c>transpose</c>.</summary>
public abstract class ArrayToArrayCodec : ZarrCodec
{
    /// <summary>The spec of the chunk this codec's encoding produces from one of <paramref name="input"/>.</summary>
    public abstract ChunkSpec Resolve(ChunkSpec input);

    public abstract byte[] Encode(ReadOnlySpan<byte> chunk, ChunkSpec spec);

    /// <summary>Decodes a chunk of <c>Resolve(spec)</c> into <c>spec.Bytes</c> of <paramref name="destination"/>.</summary>
    public abstract void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> destination);
}

/// <summary>Turns a chunk (C order, native little-endian) into bytes and back: <c>bytes</c>, <c>sharding_indexed</c>.</summary>
public abstract class ArrayToBytesCodec : ZarrCodec
{
    public abstract byte[] Encode(ReadOnlySpan<byte> chunk, ChunkSpec spec);

    /// <summary>Decodes into exactly <c>spec.Bytes</c> of <paramref name="destination"/>.</summary>
    public abstract void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> destination);
}

/// <summary>Bytes in, bytes out: compressors and checksums.</summary>
public abstract class BytesToBytesCodec : ZarrCodec
{
    /// <param name="spec">the chunk these bytes encode (Blosc takes its typesize from it).</param>
    public abstract byte[] Encode(ReadOnlySpan<byte> input, ChunkSpec spec);

    public abstract byte[] Decode(ReadOnlySpan<byte> input, ChunkSpec spec);

    /// <summary>Bytes this codec adds to any input when it is a fixed amount (a checksum), else null.</summary>
    public virtual int? FixedOverhead => null;
}
