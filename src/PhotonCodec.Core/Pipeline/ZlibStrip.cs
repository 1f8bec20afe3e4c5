using System;
using System.IO;
using System.IO.Compression;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// One TIFF Deflate strip: a zlib stream (RFC 1950: header, RFC 1951 deflate data, Adler-32) of the strip's bytes.
/// Made with the platform's zlib (DeflateStream) rather than LibTiff.NET's managed codec, which is several times slower.
/// </summary>
internal sealed class ZlibStrip
{
    private readonly MemoryStream _buffer = new();

    public ArraySegment<byte> Compress(ReadOnlySpan<byte> data)
    {
        _buffer.SetLength(0);
        _buffer.WriteByte(0x78); // deflate, 32 KB window
        _buffer.WriteByte(0x9C); // default level; (0x78·256 + 0x9C) % 31 == 0
        using (var deflate = new DeflateStream(_buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
#if NETSTANDARD2_0
            byte[] copy = data.ToArray();
            deflate.Write(copy, 0, copy.Length);
#else
            deflate.Write(data);
#endif
        }
        uint adler = Adler32(data);
        _buffer.WriteByte((byte)(adler >> 24));
        _buffer.WriteByte((byte)(adler >> 16));
        _buffer.WriteByte((byte)(adler >> 8));
        _buffer.WriteByte((byte)adler);
        return new ArraySegment<byte>(_buffer.GetBuffer(), 0, (int)_buffer.Length);
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Mod = 65521;
        uint a = 1, b = 0;
        int i = 0;
        while (i < data.Length)
        {
            // 5552 bytes is the most that cannot overflow b before the modulo (zlib's NMAX).
            int end = Math.Min(data.Length, i + 5552);
            for (; i < end; i++)
            {
                a += data[i];
                b += a;
            }
            a %= Mod;
            b %= Mod;
        }
        return (b << 16) | a;
    }
}
