using System;
using System.IO;
using System.Text;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// Recognizes a file by its magic bytes: TIFF ('II*\0' / 'MM\0*'), BigTIFF ('II+\0' / 'MM\0+') and HDF5, whose
/// superblock signature '\x89HDF\r\n\x1a\n' sits at 0 or, after a user block, at 512, 1024, 2048 … (powers of two).
/// </summary>
/// <remarks>HDF5 superblock: https://docs.hdfgroup.org/hdf5/develop/_f_m_t3.html#Superblock</remarks>
public static class SourceFormatDetector
{
    private static readonly byte[] Hdf5Signature = { 0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a };

    /// <summary>The format, the offset of its header (the HDF5 superblock) and a printable account of the first bytes.</summary>
    public static (SourceFormat Format, long Offset, string Seen) Detect(string path)
    {
        using var file = SourceFile.OpenRead(path, 4096);
        var head = new byte[16];
        int n = ReadAt(file, 0, head);
        if (n >= 4)
        {
            if (head[0] == 'I' && head[1] == 'I' && head[3] == 0 && head[2] == 42) return (SourceFormat.Tiff, 0, "TIFF");
            if (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42) return (SourceFormat.Tiff, 0, "TIFF");
            if (head[0] == 'I' && head[1] == 'I' && head[3] == 0 && head[2] == 43) return (SourceFormat.BigTiff, 0, "BigTIFF");
            if (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 43) return (SourceFormat.BigTiff, 0, "BigTIFF");
        }
        var signature = new byte[8];
        for (long offset = 0; offset + 8 <= file.Length; offset = offset == 0 ? 512 : offset * 2)
        {
            if (ReadAt(file, offset, signature) == 8 && signature.AsSpan().SequenceEqual(Hdf5Signature))
                return (SourceFormat.Hdf5, offset, offset == 0 ? "HDF5" : $"HDF5 (superblock at byte {offset})");
        }
        return (SourceFormat.Unknown, 0, Describe(head.AsSpan(0, n), file.Length));
    }

    /// <summary>"the first bytes are 50 4B 03 04 … ('PK..')", or that the file is empty.</summary>
    internal static string Describe(ReadOnlySpan<byte> head, long length)
    {
        if (length == 0) return "the file is empty (0 bytes)";
        var hex = new StringBuilder();
        var text = new StringBuilder();
        int shown = Math.Min(head.Length, 8);
        for (int i = 0; i < shown; i++)
        {
            if (i > 0) hex.Append(' ');
            hex.Append(head[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            text.Append(head[i] >= 32 && head[i] < 127 ? (char)head[i] : '.');
        }
        return $"its first bytes are {hex} ('{text}'), which is no TIFF, BigTIFF or HDF5 signature";
    }

    private static int ReadAt(FileStream file, long offset, byte[] buffer)
    {
        file.Position = offset;
        int done = 0;
        while (done < buffer.Length)
        {
            int n = file.Read(buffer, done, buffer.Length - done);
            if (n == 0) break;
            done += n;
        }
        return done;
    }
}
