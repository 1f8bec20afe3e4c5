using System;
using System.Collections.Generic;
using System.IO;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// The TIFF header and the file offset of every page's IFD, found by following the IFD chain once.
/// Done here rather than through LibTiff.NET, whose directory bookkeeping uses 16-bit counters (at most 32767 pages)
/// and rescans its list of seen offsets at every step.
/// </summary>
internal sealed class TiffDirectoryChain
{
    private TiffDirectoryChain(bool isBigTiff, bool isBigEndian, long[] offsets)
    {
        IsBigTiff = isBigTiff;
        IsBigEndian = isBigEndian;
        PageOffsets = offsets;
    }

    public bool IsBigTiff { get; }

    public bool IsBigEndian { get; }

    public IReadOnlyList<long> PageOffsets { get; }

    public static TiffDirectoryChain Read(Stream stream, string path)
    {
        long length = stream.Length;
        var header = new byte[16];
        int got = ReadAt(stream, 0, header, 16);
        if (got < 8)
            throw new CorruptTiffException(path, null, $"not a TIFF file: only {length} bytes long.");
        bool bigEndian;
        if (header[0] == (byte)'I' && header[1] == (byte)'I') bigEndian = false;
        else if (header[0] == (byte)'M' && header[1] == (byte)'M') bigEndian = true;
        else throw new CorruptTiffException(path, null, "not a TIFF file: it does not start with the byte-order mark 'II' or 'MM'.");

        var reader = new EndianReader(bigEndian);
        int version = reader.UInt16(header, 0 + 2);
        bool big;
        long first;
        if (version == 42)
        {
            big = false;
            first = reader.UInt32(header, 4);
        }
        else if (version == 43)
        {
            if (got < 16)
                throw new CorruptTiffException(path, null, "BigTIFF header is truncated.");
            if (reader.UInt16(header, 4) != 8 || reader.UInt16(header, 6) != 0)
                throw new CorruptTiffException(path, null, "BigTIFF header has an unexpected offset size (expected 8).");
            big = true;
            first = reader.Int64(header, 8, path);
        }
        else
        {
            throw new CorruptTiffException(path, null, $"not a TIFF file: version number {version} (expected 42 for TIFF or 43 for BigTIFF).");
        }

        int countSize = big ? 8 : 2, entrySize = big ? 20 : 12, nextSize = big ? 8 : 4;
        var offsets = new List<long>();
        var seen = new HashSet<long>();
        var small = new byte[8];
        var entries = new byte[64 * 20];
        long offset = first;
        if (offset == 0)
            throw new CorruptTiffException(path, null, "the file has no image directory (first IFD offset is 0).");
        while (offset != 0)
        {
            int page = offsets.Count;
            if (offset < (big ? 16 : 8) || offset > length - countSize) // not offset + countSize: a BigTIFF offset near 2^63 overflows
                throw new CorruptTiffException(path, page, $"IFD offset {offset} lies outside the file ({length} bytes): the file is truncated or corrupt.");
            if (!seen.Add(offset))
                throw new CorruptTiffException(path, page, $"the IFD chain loops back to offset {offset}.");
            ReadAt(stream, offset, small, countSize);
            long count = big ? reader.Int64(small, 0, path) : reader.UInt16(small, 0);
            if (count == 0)
                throw new CorruptTiffException(path, page, $"IFD at offset {offset} has no entries.");
            long nextAt = offset + countSize + count * entrySize;
            if (count > 65535 || nextAt + nextSize > length)
                throw new CorruptTiffException(path, page, $"IFD at offset {offset} ({count} entries) runs past the end of the file ({length} bytes): the file is truncated or corrupt.");
            if (entries.Length < count * entrySize) entries = new byte[count * entrySize];
            ReadAt(stream, offset + countSize, entries, (int)(count * entrySize));
            CheckEntryExtents(reader, entries, (int)count, big, length, path, page);
            CheckGeometry(reader, entries, (int)count, big, path, page);
            offsets.Add(offset);
            ReadAt(stream, nextAt, small, nextSize);
            offset = big ? reader.Int64(small, 0, path) : reader.UInt32(small, 0);
        }
        return new TiffDirectoryChain(big, bigEndian, offsets.ToArray());
    }

    /// <summary>
    /// Checks image and strip/tile geometry before LibTiff.NET sees the directory: a damaged ImageLength or RowsPerStrip
    /// would otherwise make it allocate and fill strip tables of millions of entries.
    /// </summary>
    private static void CheckGeometry(EndianReader reader, byte[] entries, int count, bool big, string path, int page)
    {
        long width = -1, height = -1, rowsPerStrip = -1, tileWidth = -1, tileLength = -1, stripCount = -1, tileCount = -1;
        int entrySize = big ? 20 : 12;
        for (int i = 0; i < count; i++)
        {
            int at = i * entrySize;
            int tag = reader.UInt16(entries, at);
            int type = reader.UInt16(entries, at + 2);
            long n = big ? reader.Int64(entries, at + 4, path) : reader.UInt32(entries, at + 4);
            int valueAt = at + (big ? 12 : 8);
            long value = (n != 1) ? -1 : type switch
            {
                3 => reader.UInt16(entries, valueAt),          // SHORT
                4 => reader.UInt32(entries, valueAt),          // LONG
                16 when big => reader.Int64(entries, valueAt, path), // LONG8
                _ => -1,
            };
            switch (tag)
            {
                case 256: width = value; break;
                case 257: height = value; break;
                case 278: rowsPerStrip = value; break;
                case 322: tileWidth = value; break;
                case 323: tileLength = value; break;
                case 273: stripCount = n; break;
                case 324: tileCount = n; break;
            }
        }
        if (width == 0 || height == 0 || width > MaxSide || height > MaxSide)
            throw new CorruptTiffException(path, page, $"image size {width}×{height} is implausible (each side must be 1..{MaxSide}).");
        if (width < 0 || height < 0) return; // missing or odd tags: LibTiff's own checks report them
        if (tileCount >= 0 && tileWidth > 0 && tileLength > 0)
        {
            long needed = ((width + tileWidth - 1) / tileWidth) * ((height + tileLength - 1) / tileLength);
            if (needed > tileCount)
                throw new CorruptTiffException(path, page,
                    $"a {width}×{height} image in {tileWidth}×{tileLength} tiles needs {needed} tiles but TileOffsets lists {tileCount}.");
        }
        else if (stripCount >= 0)
        {
            long rows = rowsPerStrip <= 0 || rowsPerStrip > height ? height : rowsPerStrip;
            long needed = (height + rows - 1) / rows;
            if (needed > stripCount)
                throw new CorruptTiffException(path, page,
                    $"{height} rows in strips of {rows} rows need {needed} strips but StripOffsets lists {stripCount}.");
        }
    }

    /// <summary>
    /// Checks that every entry's values lie inside the file: LibTiff.NET allocates count × size for a tag before it reads
    /// (and fails on) the data, so a damaged count in a 1 KB file would make it allocate gigabytes.
    /// </summary>
    private static void CheckEntryExtents(EndianReader reader, byte[] entries, int count, bool big, long length, string path, int page)
    {
        int entrySize = big ? 20 : 12, inline = big ? 8 : 4;
        for (int i = 0; i < count; i++)
        {
            int at = i * entrySize;
            int size = TypeSize(reader.UInt16(entries, at + 2));
            if (size == 0) continue; // unknown type: LibTiff skips the entry
            long n = big ? reader.Int64(entries, at + 4, path) : reader.UInt32(entries, at + 4);
            if (n <= inline / size) continue; // the values sit in the entry itself
            long offset = big ? reader.Int64(entries, at + 12, path) : reader.UInt32(entries, at + 8);
            if (n > length / size || offset > length - n * size)
                throw new CorruptTiffException(path, page,
                    $"tag {reader.UInt16(entries, at)} claims {n} values at offset {offset}, past the end of the file ({length} bytes): the file is truncated or corrupt.");
        }
    }

    // Bytes per value of the TIFF 6 and BigTIFF field types; 0 for types LibTiff does not know.
    private static int TypeSize(int type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 or 16 or 17 or 18 => 8,
        _ => 0,
    };

    private const long MaxSide = 1 << 20;

    private static int ReadAt(Stream stream, long position, byte[] buffer, int count)
    {
        stream.Position = position;
        int total = 0;
        while (total < count)
        {
            int n = stream.Read(buffer, total, count - total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    private readonly struct EndianReader
    {
        private readonly bool bigEndian;

        public EndianReader(bool bigEndian) => this.bigEndian = bigEndian;

        public int UInt16(byte[] b, int at) =>
            bigEndian ? (b[at] << 8) | b[at + 1] : b[at] | (b[at + 1] << 8);

        public long UInt32(byte[] b, int at) =>
            bigEndian
                ? ((long)b[at] << 24) | ((long)b[at + 1] << 16) | ((long)b[at + 2] << 8) | b[at + 3]
                : b[at] | ((long)b[at + 1] << 8) | ((long)b[at + 2] << 16) | ((long)b[at + 3] << 24);

        public long Int64(byte[] b, int at, string path)
        {
            ulong v = 0;
            for (int i = 0; i < 8; i++)
                v = bigEndian ? (v << 8) | b[at + i] : v | ((ulong)b[at + i] << (8 * i));
            if (v > long.MaxValue)
                throw new CorruptTiffException(path, null, $"BigTIFF offset {v} is not a valid file position.");
            return (long)v;
        }
    }
}
