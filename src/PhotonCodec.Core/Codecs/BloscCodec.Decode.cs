using System;
using System.Buffers;
using System.Buffers.Binary;
using ZstdSharp;

namespace PhotonCodec.Core.Codecs;

/// <summary>Reads <paramref name="length"/> bytes from <paramref name="offset"/> of a stored frame; fewer when the frame ends first.</summary>
public delegate byte[] BloscRangeReader(long offset, int length);

/// <summary>Receives one decoded block of a frame: its bytes and their offset in the frame's data.</summary>
public delegate void BloscBlockSink(ReadOnlySpan<byte> block, int offset);

// The decode side: whole frames, frames handed block by block to a sink (so a per-element decode runs while the
// block is in cache), and c-blosc's blosc_getitem (a byte range decoding only the blocks that hold it).
// Frame layout (c-blosc 1.x README_HEADER.rst): 16-byte header, int32 start of every block (unless memcpyed),
// then per block one int32-sized stream per split (typesize splits, or 1 with the DONTSPLIT flag / for the leftover block).
public static partial class BloscCodec
{
    [ThreadStatic] private static Decompressor? t_decompressor;

    /// <summary>Block-offset table bytes read with the header in one go (covers 1 000 blocks: 250 MB of 256 KB blocks).</summary>
    private const int HeadRead = 4096;

    public static byte[] Decompress(ReadOnlySpan<byte> chunk)
    {
        BloscHeader h = ReadHeader(chunk);
        var result = new byte[h.UncompressedSize];
        Decompress(chunk, result);
        return result;
    }

    public static int Decompress(ReadOnlySpan<byte> chunk, Span<byte> destination)
    {
        BloscHeader h = ReadHeader(chunk);
        int nbytes = h.UncompressedSize;
        if (destination.Length < nbytes)
            throw new ArgumentException($"Destination holds {destination.Length} bytes; the frame decompresses to {nbytes}.", nameof(destination));
        ReadOnlySpan<byte> frame = chunk.Slice(0, h.CompressedSize);
        if (h.IsMemcpyed)
        {
            frame.Slice(HeaderSize, nbytes).CopyTo(destination);
            return nbytes;
        }
        if (nbytes == 0) return 0;
        var blocks = new BlockDecoder(h);
        try
        {
            for (int j = 0; j < blocks.Count; j++)
                blocks.Decode(j, frame.Slice(blocks.Start(frame, j)), destination.Slice(j * h.BlockSize, blocks.Size(j)), viaScratch: false);
        }
        finally
        {
            blocks.Dispose();
        }
        return nbytes;
    }

    /// <summary>Decodes a frame block by block into a block-sized buffer handed to <paramref name="sink"/> in order.</summary>
    public static void Decompress(ReadOnlySpan<byte> chunk, BloscBlockSink sink)
    {
        BloscHeader h = ReadHeader(chunk);
        ReadOnlySpan<byte> frame = chunk.Slice(0, h.CompressedSize);
        if (h.IsMemcpyed || h.UncompressedSize == 0)
        {
            sink(frame.Slice(HeaderSize, h.IsMemcpyed ? h.UncompressedSize : 0), 0);
            return;
        }
        var blocks = new BlockDecoder(h);
        try
        {
            for (int j = 0; j < blocks.Count; j++)
                sink(blocks.Decode(j, frame.Slice(blocks.Start(frame, j)), Span<byte>.Empty, viaScratch: true), j * h.BlockSize);
        }
        finally
        {
            blocks.Dispose();
        }
    }

    /// <summary>
    /// Bytes [<paramref name="start"/>, start + destination.Length) of a frame's data, as c-blosc's <c>blosc_getitem</c>:
    /// only the blocks holding them are decoded, and only the header, the block-offset table and those blocks are read
    /// through <paramref name="read"/>.
    /// </summary>
    public static void GetItems(BloscRangeReader read, int start, Span<byte> destination)
    {
        byte[] head = read(0, HeadRead);
        BloscHeader h = ReadHeader(head, long.MaxValue); // the frame's length is checked by what the reads return
        int nbytes = h.UncompressedSize;
        int count = destination.Length;
        if (start < 0 || count < 0 || (long)start + count > nbytes)
            throw new ArgumentOutOfRangeException(nameof(start), $"Bytes {start}..{(long)start + count - 1} are outside the frame's {nbytes} bytes.");
        if (count == 0) return;
        if (h.IsMemcpyed)
        {
            CopyExactly(read(HeaderSize + (long)start, count), destination, "memcpyed data");
            return;
        }
        var blocks = new BlockDecoder(h);
        try
        {
            int tableEnd = HeaderSize + 4 * blocks.Count;
            if (head.Length < tableEnd)
            {
                head = read(0, tableEnd);
                if (head.Length < tableEnd) throw Truncated(h, "its block-offset table");
            }
            int j0 = start / h.BlockSize, j1 = (start + count - 1) / h.BlockSize;
            // Each block ends where the next-placed block starts (blocks may be in any order), or at the frame's end.
            long windowStart = long.MaxValue, windowEnd = 0;
            var ends = new int[j1 - j0 + 1];
            for (int j = j0; j <= j1; j++)
            {
                int s = blocks.Start(head, j, h.CompressedSize);
                int end = h.CompressedSize;
                for (int k = 0; k < blocks.Count; k++)
                {
                    int other = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(HeaderSize + 4 * k));
                    if (other > s && other < end) end = other;
                }
                ends[j - j0] = end;
                windowStart = Math.Min(windowStart, s);
                windowEnd = Math.Max(windowEnd, end);
            }
            int windowLength = checked((int)(windowEnd - windowStart));
            byte[] window = read(windowStart, windowLength);
            if (window.Length < windowLength) throw Truncated(h, $"blocks {j0}..{j1}");
            for (int j = j0; j <= j1; j++)
            {
                int s = blocks.Start(head, j, h.CompressedSize);
                ReadOnlySpan<byte> block = window.AsSpan((int)(s - windowStart), ends[j - j0] - s);
                int blockFirst = j * h.BlockSize;
                int from = Math.Max(start, blockFirst), to = Math.Min(start + count, blockFirst + blocks.Size(j));
                if (from == blockFirst && to == blockFirst + blocks.Size(j))
                    blocks.Decode(j, block, destination.Slice(blockFirst - start, blocks.Size(j)), viaScratch: false);
                else
                    blocks.Decode(j, block, Span<byte>.Empty, viaScratch: true).Slice(from - blockFirst, to - from).CopyTo(destination.Slice(from - start));
            }
        }
        finally
        {
            blocks.Dispose();
        }
    }

    private static void CopyExactly(byte[] got, Span<byte> destination, string what)
    {
        if (got.Length < destination.Length) throw new BloscFormatException($"Blosc frame is truncated: {what} end after {got.Length} of {destination.Length} bytes.");
        got.AsSpan(0, destination.Length).CopyTo(destination);
    }

    private static BloscFormatException Truncated(BloscHeader h, string what) =>
        new($"Blosc frame is truncated: header says {h.CompressedSize} bytes, but {what} end early.");

    /// <summary>Decodes single blocks of one frame with pooled buffers; not thread-safe (one per call).</summary>
    private struct BlockDecoder : IDisposable
    {
        private readonly BloscHeader _h;
        private readonly bool _byteShuffled, _bitShuffled;
        private readonly int _leftover;
        private byte[]? _tmp, _scratch, _out;

        public BlockDecoder(BloscHeader h)
        {
            if (h.CodecFormat > BloscHeader.ZstdFormat)
                throw new BloscFormatException($"Blosc header names codec format {h.CodecFormat}, which no c-blosc 1.x writer uses.");
            if (h.CodecFormat is not (BloscHeader.ZstdFormat or BloscHeader.Lz4Format or BloscHeader.ZlibFormat))
                throw new NotSupportedException($"Blosc codec '{h.CodecName}' is not supported; PhotonCodec reads Blosc with zstd, lz4, lz4hc or zlib, or uncompressed chunks.");
            _h = h;
            // c-blosc's precedence should both flags be set: byte shuffle when it means something, else bitshuffle.
            _byteShuffled = (h.Flags & BloscHeader.FlagByteShuffle) != 0 && h.TypeSize > 1;
            _bitShuffled = !_byteShuffled && (h.Flags & BloscHeader.FlagBitShuffle) != 0;
            Count = (int)(((long)h.UncompressedSize + h.BlockSize - 1) / h.BlockSize);
            _leftover = h.UncompressedSize % h.BlockSize;
            _tmp = _scratch = _out = null;
        }

        public int Count { get; }

        public int Size(int j) => j == Count - 1 && _leftover > 0 ? _leftover : _h.BlockSize;

        public int Start(ReadOnlySpan<byte> frame, int j) => Start(frame, j, frame.Length);

        /// <summary>Block <paramref name="j"/>'s start from the offset table at the front of <paramref name="head"/>, checked against the frame's length.</summary>
        public int Start(ReadOnlySpan<byte> head, int j, int frameLength)
        {
            int tableEnd = HeaderSize + Count * 4;
            int start = BinaryPrimitives.ReadInt32LittleEndian(head.Slice(HeaderSize + 4 * j));
            if (start < tableEnd || start >= frameLength)
                throw new BloscFormatException($"Block {j} starts at {start}, outside the frame's data ({tableEnd}..{frameLength - 1}).");
            return start;
        }

        /// <summary>
        /// Decodes block <paramref name="j"/> from <paramref name="block"/> (its bytes, possibly followed by others) into
        /// <paramref name="output"/>, or into a pooled block buffer that is returned when <paramref name="viaScratch"/>.
        /// </summary>
        public ReadOnlySpan<byte> Decode(int j, ReadOnlySpan<byte> block, Span<byte> output, bool viaScratch)
        {
            int bsize = Size(j);
            int scratchSize = Math.Min(_h.BlockSize, _h.UncompressedSize);
            if (viaScratch) output = (_out ??= ArrayPool<byte>.Shared.Rent(scratchSize)).AsSpan(0, bsize);
            bool isLeftover = j == Count - 1 && _leftover > 0;
            int typeSize = _h.TypeSize;
            int nsplits = !_h.DontSplit && !isLeftover && typeSize <= MaxSplits && bsize / typeSize >= MinBufferSize ? typeSize : 1;
            if (bsize % nsplits != 0)
                throw new BloscFormatException($"Block {j} of {bsize} bytes cannot be split into {nsplits} streams; blocksize must be a multiple of typesize.");
            int neblock = bsize / nsplits;
            bool unfiltered = !_byteShuffled && !_bitShuffled;
            Span<byte> filtered = unfiltered ? output : (_tmp ??= ArrayPool<byte>.Shared.Rent(scratchSize)).AsSpan(0, bsize);
            Decompressor decompressor = t_decompressor ??= new Decompressor();
            int pos = 0;
            for (int s = 0; s < nsplits; s++)
            {
                if (pos > block.Length - 4)
                    throw new BloscFormatException($"Block {j} stream {s}: size field past the end of the frame.");
                int cbytes = BinaryPrimitives.ReadInt32LittleEndian(block.Slice(pos));
                pos += 4;
                if (cbytes <= 0 || cbytes > block.Length - pos)
                    throw new BloscFormatException($"Block {j} stream {s}: {cbytes} compressed bytes do not fit the frame.");
                Span<byte> target = filtered.Slice(s * neblock, neblock);
                ReadOnlySpan<byte> stream = block.Slice(pos, cbytes);
                if (cbytes == neblock)
                {
                    stream.CopyTo(target);
                }
                else
                {
                    int produced = DecompressStream(_h.CodecFormat, stream, target, decompressor, j, s);
                    if (produced != neblock)
                        throw new BloscFormatException($"Block {j} stream {s}: {_h.CodecName} data does not decompress to the {neblock} bytes the header promises.");
                }
                pos += cbytes;
            }
            if (_byteShuffled) ByteShuffle.Unshuffle(filtered, output, typeSize);
            else if (_bitShuffled) BitShuffle.Unshuffle(filtered, output, typeSize, (_scratch ??= ArrayPool<byte>.Shared.Rent(scratchSize)).AsSpan(0, bsize));
            return output;
        }

        public void Dispose()
        {
            if (_tmp is not null) ArrayPool<byte>.Shared.Return(_tmp);
            if (_scratch is not null) ArrayPool<byte>.Shared.Return(_scratch);
            if (_out is not null) ArrayPool<byte>.Shared.Return(_out);
            _tmp = _scratch = _out = null;
        }
    }

    /// <summary>One stream of a block: zstd, lz4 (lz4 and lz4hc share the raw LZ4 block format) or zlib (RFC 1950); −1 when it does not decode.</summary>
    private static int DecompressStream(int format, ReadOnlySpan<byte> stream, Span<byte> target, Decompressor zstd, int block, int split)
    {
        switch (format)
        {
            case BloscHeader.Lz4Format:
                return K4os.Compression.LZ4.LZ4Codec.Decode(stream, target);
            case BloscHeader.ZlibFormat:
                byte[] inflated;
                try { inflated = GzipCodec.Inflate(stream, zlib: true, target.Length); }
                catch (CorruptChunkException ex) { throw new BloscFormatException($"Block {block} stream {split}: {ex.Message}"); }
                if (inflated.Length > target.Length) return -1;
                inflated.CopyTo(target);
                return inflated.Length;
            default:
                try { return zstd.TryUnwrap(stream, target, out int produced) ? produced : -1; }
                catch (ZstdException ex) { throw new BloscFormatException($"Block {block} stream {split}: zstd data is corrupt ({ex.Message})."); }
        }
    }
}
