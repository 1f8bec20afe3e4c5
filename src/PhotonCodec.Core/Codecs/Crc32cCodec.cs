using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// The <c>crc32c</c> bytes→bytes codec: the input followed by its CRC-32C (Castagnoli), 4 bytes little-endian
/// (https://zarr-specs.readthedocs.io/en/latest/v3/codecs/crc32c/index.html). Example: <c>{"name":"crc32c"}</c>.
/// Decoding checks the checksum; a mismatch is a <see cref="CorruptChunkException"/>.
/// </summary>
public sealed class Crc32cCodec : BytesToBytesCodec
{
    public const string CodecName = "crc32c";
    public const int ChecksumBytes = 4;

    public override string Name => CodecName;

    public override JsonObject? Configuration() => null;

    public override int? FixedOverhead => ChecksumBytes;

    public static uint Checksum(ReadOnlySpan<byte> data)
    {
        var crc = new Crc32(Crc32ParameterSet.Crc32C);
        crc.Append(data);
        return crc.GetCurrentHashAsUInt32();
    }

    public override byte[] Encode(ReadOnlySpan<byte> input, ChunkSpec spec)
    {
        var result = new byte[input.Length + ChecksumBytes];
        input.CopyTo(result);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(input.Length), Checksum(input));
        return result;
    }

    public override byte[] Decode(ReadOnlySpan<byte> input, ChunkSpec spec)
    {
        if (input.Length < ChecksumBytes) throw new CorruptChunkException($"{input.Length} bytes cannot end in a 4-byte crc32c.");
        ReadOnlySpan<byte> data = input.Slice(0, input.Length - ChecksumBytes);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(input.Slice(data.Length));
        uint actual = Checksum(data);
        if (stored != actual) throw new CorruptChunkException($"crc32c mismatch: stored 0x{stored:x8}, computed 0x{actual:x8}.");
        return data.ToArray();
    }
}
