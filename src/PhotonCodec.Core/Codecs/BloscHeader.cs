using System;
using System.Buffers.Binary;

namespace PhotonCodec.Core.Codecs;

/// <summary>The 16-byte header of a c-blosc 1.x frame.</summary>
public readonly struct BloscHeader
{
    internal const byte FlagByteShuffle = 0x01;
    internal const byte FlagMemcpyed = 0x02;
    internal const byte FlagBitShuffle = 0x04;
    internal const byte FlagReserved = 0x08;
    internal const byte FlagDontSplit = 0x10;
    internal const int Lz4Format = 1;
    internal const int ZlibFormat = 3;
    internal const int ZstdFormat = 4;

    // Frame formats, not compressor ids: lz4 and lz4hc share format 1.
    private static readonly string[] CodecNames = { "blosclz", "lz4", "snappy", "zlib", "zstd" };

    internal BloscHeader(ReadOnlySpan<byte> h)
    {
        Version = h[0];
        VersionLz = h[1];
        Flags = h[2];
        TypeSize = h[3];
        UncompressedSize = BinaryPrimitives.ReadInt32LittleEndian(h.Slice(4));
        BlockSize = BinaryPrimitives.ReadInt32LittleEndian(h.Slice(8));
        CompressedSize = BinaryPrimitives.ReadInt32LittleEndian(h.Slice(12));
    }

    public byte Version { get; }
    public byte VersionLz { get; }
    public byte Flags { get; }
    public int TypeSize { get; }

    /// <summary>nbytes: the size of the data once decompressed.</summary>
    public int UncompressedSize { get; }

    public int BlockSize { get; }

    /// <summary>cbytes: the size of the whole frame, header included.</summary>
    public int CompressedSize { get; }

    public BloscShuffle Shuffle =>
        (Flags & FlagByteShuffle) != 0 ? BloscShuffle.Byte : (Flags & FlagBitShuffle) != 0 ? BloscShuffle.Bit : BloscShuffle.None;

    public bool IsMemcpyed => (Flags & FlagMemcpyed) != 0;

    public bool DontSplit => (Flags & FlagDontSplit) != 0;

    internal int CodecFormat => Flags >> 5;

    public string CodecName => CodecFormat < CodecNames.Length ? CodecNames[CodecFormat] : $"unknown ({CodecFormat})";

    public override string ToString() =>
        $"blosc v{Version} {CodecName} typesize {TypeSize} nbytes {UncompressedSize} blocksize {BlockSize} cbytes {CompressedSize} shuffle {Shuffle}{(IsMemcpyed ? " memcpyed" : "")}";
}
