using System;
using System.Buffers;
using System.Buffers.Binary;
using ZstdSharp;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// The c-blosc 1.x chunk format with the zstd codec, written as c-blosc 1.21 writes it (same block size, same
/// split decision, same fall-backs to raw blocks and to a memcpyed frame) and read from any c-blosc 1.x writer
/// (split or not, blocks in any order, memcpyed frames of any codec; streams of zstd, lz4/lz4hc or zlib). Thread-safe.
/// </summary>
public static partial class BloscCodec
{
    public const int HeaderSize = 16;
    private const int MinBufferSize = 128;
    private const int L1 = 32 * 1024;
    private const int MaxSplits = 16;
    private const int MaxTypeSize = 255;
    private const int MaxBufferSize = int.MaxValue - HeaderSize;
    private const int MaxBlockSize = (int.MaxValue - MaxTypeSize * 4) / 3;
    private const int MaxExpansion = 128 * 1024 / 4;

    [ThreadStatic] private static Compressor?[]? t_compressors;

    public static BloscHeader ReadHeader(ReadOnlySpan<byte> chunk) => ReadHeader(chunk, chunk.Length);

    /// <summary>The header of a frame of which <paramref name="header"/> holds at least the first 16 bytes, checked against the frame's length.</summary>
    internal static BloscHeader ReadHeader(ReadOnlySpan<byte> header, long frameLength)
    {
        if (header.Length < HeaderSize || frameLength < HeaderSize)
            throw new BloscFormatException($"A Blosc frame needs a 16-byte header; got {Math.Min(header.Length, frameLength)} bytes.");
        var h = new BloscHeader(header);
        if (h.Version == 0 || h.Version > 2)
            throw new BloscFormatException($"Blosc format version {h.Version} is not a c-blosc 1.x frame (versions 1 and 2).");
        if ((h.Flags & BloscHeader.FlagReserved) != 0)
            throw new BloscFormatException($"Blosc header flags 0x{h.Flags:x2} set the reserved bit 0x08 (a frame from a future format).");
        if (h.TypeSize == 0)
            throw new BloscFormatException("Blosc header has typesize 0.");
        if (h.UncompressedSize < 0 || h.UncompressedSize > MaxBufferSize)
            throw new BloscFormatException($"Blosc header has an impossible nbytes {h.UncompressedSize} (at most {MaxBufferSize}).");
        if (h.CompressedSize < HeaderSize)
            throw new BloscFormatException($"Blosc header has cbytes {h.CompressedSize}, smaller than the header.");
        if (h.CompressedSize > frameLength)
            throw new BloscFormatException($"Blosc frame is truncated: header says {h.CompressedSize} bytes, buffer has {frameLength}.");
        if (h.IsMemcpyed)
        {
            if ((long)h.UncompressedSize + HeaderSize != h.CompressedSize)
                throw new BloscFormatException($"Memcpyed Blosc frame must be nbytes + 16 = {(long)h.UncompressedSize + HeaderSize} bytes; header says {h.CompressedSize}.");
        }
        else if (h.UncompressedSize > 0)
        {
            if (h.BlockSize <= 0 || h.BlockSize > h.UncompressedSize || h.BlockSize > MaxBlockSize)
                throw new BloscFormatException($"Blosc header has blocksize {h.BlockSize}; it must be 1..nbytes ({h.UncompressedSize}).");
            long blocks = ((long)h.UncompressedSize + h.BlockSize - 1) / h.BlockSize;
            if (HeaderSize + blocks * 4 > h.CompressedSize)
                throw new BloscFormatException($"Blosc frame of {h.CompressedSize} bytes cannot hold the offsets of its {blocks} blocks.");
            // No codec expands more than zstd's 128 KiB per 4-byte RLE block, so larger claims are corrupt,
            // and refusing them keeps a small corrupt frame from making us allocate gigabytes.
            if (h.UncompressedSize > (long)(h.CompressedSize - HeaderSize) * MaxExpansion)
                throw new BloscFormatException($"Blosc header claims {h.UncompressedSize} bytes from a {h.CompressedSize}-byte frame, more than any codec expands.");
        }
        return h;
    }

    /// <param name="zstdLevel">the zstd level itself (1–22), where c-blosc's mapping of <paramref name="clevel"/> does not reach it (0 = that mapping); a frame does not record it.</param>
    public static byte[] Compress(ReadOnlySpan<byte> source, int typeSize, int clevel = 5, BloscShuffle shuffle = BloscShuffle.Bit, int blockSize = 0, int zstdLevel = 0)
    {
        byte[] work = ArrayPool<byte>.Shared.Rent(MaxCompressedSize(source.Length));
        try
        {
            int written = Compress(source, work, typeSize, clevel, shuffle, blockSize, zstdLevel);
            return work.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(work);
        }
    }

    /// <summary>The largest frame <see cref="Compress(ReadOnlySpan{byte}, Span{byte}, int, int, BloscShuffle, int, int)"/> writes for <paramref name="nbytes"/> bytes: the input and the header.</summary>
    public static int MaxCompressedSize(int nbytes) => nbytes + HeaderSize;

    /// <summary>Writes the frame into <paramref name="destination"/> (at least <see cref="MaxCompressedSize"/> bytes) and returns its length.</summary>
    /// <param name="zstdLevel">the zstd level itself (1–22), where c-blosc's mapping of <paramref name="clevel"/> does not reach it (0 = that mapping); a frame does not record it.</param>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int typeSize, int clevel = 5, BloscShuffle shuffle = BloscShuffle.Bit, int blockSize = 0, int zstdLevel = 0)
    {
        if (typeSize < 1) throw new ArgumentOutOfRangeException(nameof(typeSize), typeSize, "typesize must be at least 1.");
        if (clevel < 0 || clevel > 9) throw new ArgumentOutOfRangeException(nameof(clevel), clevel, "Blosc clevel must be 0–9.");
        if (zstdLevel < 0 || zstdLevel > 22) throw new ArgumentOutOfRangeException(nameof(zstdLevel), zstdLevel, "zstd levels are 1–22 (0 = from clevel).");
        if (blockSize < 0) throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "blocksize must be ≥ 0 (0 = automatic).");
        if (shuffle is not (BloscShuffle.None or BloscShuffle.Byte or BloscShuffle.Bit)) throw new ArgumentOutOfRangeException(nameof(shuffle));
        if (source.Length > MaxBufferSize) throw new ArgumentException("Blosc 1.x frames hold at most 2 GB.", nameof(source));
        if (destination.Length < MaxCompressedSize(source.Length))
            throw new ArgumentException($"Destination holds {destination.Length} bytes; a frame of {source.Length} bytes may need {MaxCompressedSize(source.Length)}.", nameof(destination));
        if (typeSize > MaxTypeSize) typeSize = 1; // as c-blosc does

        int nbytes = source.Length;
        int blocksize = ComputeBlockSize(clevel, typeSize, nbytes, blockSize);
        byte flags = (byte)(BloscHeader.ZstdFormat << 5);
        if (shuffle == BloscShuffle.Byte) flags |= BloscHeader.FlagByteShuffle;
        if (shuffle == BloscShuffle.Bit) flags |= BloscHeader.FlagBitShuffle;
        // zstd is never split in c-blosc's default (forward-compatible) split mode.
        flags |= BloscHeader.FlagDontSplit;
        bool memcpy = nbytes < MinBufferSize || clevel == 0;

        int maxBytes = MaxCompressedSize(nbytes);
        Span<byte> frame = destination.Slice(0, maxBytes);
        if (!memcpy)
        {
            int written = CompressBlocks(source, frame, typeSize, zstdLevel > 0 ? zstdLevel : ZstdLevel(clevel), shuffle, blocksize);
            if (written > 0)
            {
                WriteHeader(frame, flags, typeSize, nbytes, blocksize, written);
                return written;
            }
        }
        // Too small, clevel 0, or it would not fit in nbytes + 16: the frame holds the input as it is.
        flags |= BloscHeader.FlagMemcpyed;
        source.CopyTo(frame.Slice(HeaderSize));
        WriteHeader(frame, flags, typeSize, nbytes, blocksize, maxBytes);
        return maxBytes;
    }

    private static void WriteHeader(Span<byte> dest, byte flags, int typeSize, int nbytes, int blocksize, int cbytes)
    {
        dest[0] = 2;   // BLOSC_VERSION_FORMAT of c-blosc 1.x
        dest[1] = 1;   // BLOSC_ZSTD_VERSION_FORMAT
        dest[2] = flags;
        dest[3] = (byte)typeSize;
        BinaryPrimitives.WriteInt32LittleEndian(dest.Slice(4), nbytes);
        BinaryPrimitives.WriteInt32LittleEndian(dest.Slice(8), blocksize);
        BinaryPrimitives.WriteInt32LittleEndian(dest.Slice(12), cbytes);
    }

    /// <summary>
    /// How many blocks of one frame this thread's <see cref="Compress"/> calls may compress at once (1, the default:
    /// in order on the calling thread). The encode pump raises it while fewer chunks than cores are in flight, so a
    /// lone chunk still uses every core. The frame is the same byte for byte whatever the value.
    /// </summary>
    internal static int BlockThreads
    {
        get => t_blockThreads < 1 ? 1 : t_blockThreads;
        set => t_blockThreads = value;
    }

    [ThreadStatic] private static int t_blockThreads;

    /// <summary>Writes the block table and streams; 0 when they would not fit in nbytes + 16 (then the frame is memcpyed).</summary>
    private static int CompressBlocks(ReadOnlySpan<byte> source, Span<byte> dest, int typeSize, int zstdLevel, BloscShuffle shuffle, int blocksize)
    {
        int nbytes = source.Length;
        int nblocks = nbytes / blocksize;
        int leftover = nbytes % blocksize;
        if (leftover > 0) nblocks++;
        int maxBytes = dest.Length;
        int ntbytes = HeaderSize + nblocks * 4;
        if (ntbytes > maxBytes) return 0;
        int threads = Math.Min(BlockThreads, nblocks);
        if (threads > 1) return CompressBlocksInParallel(source, dest, typeSize, zstdLevel, shuffle, blocksize, nblocks, threads);
        Compressor compressor = CompressorFor(zstdLevel);
        byte[] tmp = ArrayPool<byte>.Shared.Rent(blocksize);
        byte[] scratch = ArrayPool<byte>.Shared.Rent(blocksize);
        try
        {
            for (int j = 0; j < nblocks; j++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(dest.Slice(HeaderSize + 4 * j), ntbytes);
                int bsize = j == nblocks - 1 && leftover > 0 ? leftover : blocksize;
                Span<byte> filtered = tmp.AsSpan(0, bsize);
                // One stream per block (zstd frames are never split).
                ntbytes += 4;
                int maxOut = Math.Min(bsize, maxBytes - ntbytes);
                if (maxOut <= 0) return 0;
                int cbytes = CompressBlock(source.Slice(j * blocksize, bsize), filtered, scratch, typeSize, shuffle, compressor, dest.Slice(ntbytes, maxOut));
                if (cbytes == 0)
                {
                    // Incompressible: the block is stored as it is, and its size equal to the block size says so.
                    if (ntbytes + bsize > maxBytes) return 0;
                    filtered.CopyTo(dest.Slice(ntbytes));
                    cbytes = bsize;
                }
                BinaryPrimitives.WriteInt32LittleEndian(dest.Slice(ntbytes - 4), cbytes);
                ntbytes += cbytes;
            }
            return ntbytes;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tmp);
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// The same frame as the sequential loop: every block is filtered and compressed on its own (into a buffer of its
    /// size), then laid out in order with the sequential loop's fit checks, which depend only on the sizes before it.
    /// </summary>
    private static int CompressBlocksInParallel(ReadOnlySpan<byte> source, Span<byte> dest, int typeSize, int level, BloscShuffle shuffle,
        int blocksize, int nblocks, int threads)
    {
        int nbytes = source.Length;
        var outputs = new byte[nblocks][];
        var sizes = new int[nblocks];   // compressed bytes; 0 = stored as it is (outputs holds the filtered block)
        byte[] input = ArrayPool<byte>.Shared.Rent(nbytes);
        try
        {
            // Parallel.For needs an array; one copy of the frame is cheap beside compressing it.
            source.CopyTo(input);
            System.Threading.Tasks.Parallel.For(0, nblocks, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = threads },
                () => (tmp: ArrayPool<byte>.Shared.Rent(blocksize), scratch: ArrayPool<byte>.Shared.Rent(blocksize)),
                (j, _, buffers) =>
                {
                    int bsize = Math.Min(blocksize, nbytes - j * blocksize);
                    byte[] output = ArrayPool<byte>.Shared.Rent(bsize);
                    Span<byte> filtered = buffers.tmp.AsSpan(0, bsize);
                    int cbytes = CompressBlock(input.AsSpan(j * blocksize, bsize), filtered, buffers.scratch, typeSize, shuffle, CompressorFor(level), output.AsSpan(0, bsize));
                    if (cbytes == 0) filtered.CopyTo(output);
                    outputs[j] = output;
                    sizes[j] = cbytes;
                    return buffers;
                },
                buffers => { ArrayPool<byte>.Shared.Return(buffers.tmp); ArrayPool<byte>.Shared.Return(buffers.scratch); });

            int maxBytes = dest.Length;
            int ntbytes = HeaderSize + nblocks * 4;
            for (int j = 0; j < nblocks; j++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(dest.Slice(HeaderSize + 4 * j), ntbytes);
                int bsize = Math.Min(blocksize, nbytes - j * blocksize);
                ntbytes += 4;
                int room = maxBytes - ntbytes;
                // The sequential loop gives zstd min(bsize, room) bytes: a stream longer than room fails there, and its
                // raw copy (bsize > stream > room) does not fit either.
                int cbytes = sizes[j] == 0 ? bsize : sizes[j];
                if (room <= 0 || cbytes > room) return 0;
                outputs[j].AsSpan(0, cbytes).CopyTo(dest.Slice(ntbytes));
                BinaryPrimitives.WriteInt32LittleEndian(dest.Slice(ntbytes - 4), cbytes);
                ntbytes += cbytes;
            }
            return ntbytes;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            foreach (byte[]? output in outputs)
                if (output is not null) ArrayPool<byte>.Shared.Return(output);
        }
    }

    /// <summary>Filters one block into <paramref name="filtered"/> and compresses it into <paramref name="output"/>: the stream's length, or 0 when it is not shorter than the block or does not fit.</summary>
    private static int CompressBlock(ReadOnlySpan<byte> block, Span<byte> filtered, Span<byte> scratch, int typeSize, BloscShuffle shuffle,
        Compressor compressor, Span<byte> output)
    {
        switch (shuffle)
        {
            case BloscShuffle.Byte when typeSize > 1: ByteShuffle.Shuffle(block, filtered, typeSize); break;
            case BloscShuffle.Bit: BitShuffle.Shuffle(block, filtered, typeSize, scratch); break;
            default: block.CopyTo(filtered); break;
        }
        int cbytes = compressor.TryWrap(filtered, output, out int written) ? written : 0;
        return cbytes >= block.Length ? 0 : cbytes;
    }

    /// <summary>c-blosc 1.21's mapping of clevel to the zstd level: 2·clevel − 1, 8 → max − 2, 9 → max.</summary>
    internal static int ZstdLevel(int clevel)
    {
        const int ZstdMaxLevel = 22;
        int level = clevel < 9 ? clevel * 2 - 1 : ZstdMaxLevel;
        if (level == 8) level = ZstdMaxLevel - 2;
        return Math.Max(1, level);
    }

    /// <summary>c-blosc 1.21's compute_blocksize for the zstd codec (a high-compression-ratio codec, never split).</summary>
    internal static int ComputeBlockSize(int clevel, int typeSize, int nbytes, int forced)
    {
        if (nbytes < typeSize) return 1;
        int blocksize = nbytes;
        if (forced > 0)
        {
            blocksize = forced;
            if (blocksize < MinBufferSize) blocksize = MinBufferSize;
            if (blocksize > MaxBlockSize) blocksize = MaxBlockSize;
        }
        else if (nbytes >= L1)
        {
            blocksize = L1 * 2; // zstd is one of c-blosc's HCR codecs: blocks twice as large
            blocksize = clevel switch
            {
                0 => blocksize / 4,
                1 => blocksize / 2,
                2 => blocksize,
                3 => blocksize * 2,
                4 or 5 => blocksize * 4,
                6 or 7 or 8 => blocksize * 8,
                _ => blocksize * 16,
            };
        }
        if (blocksize > nbytes) blocksize = nbytes;
        if (blocksize > typeSize) blocksize = blocksize / typeSize * typeSize;
        return blocksize;
    }

    private static Compressor CompressorFor(int level)
    {
        t_compressors ??= new Compressor?[23];
        return t_compressors[level] ??= new Compressor(level);
    }
}
