using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// A <c>blosc</c> writer that picks, per chunk, the shuffle (none, byte, bit) and the zstd level by compressing a
/// sample of the chunk's Blosc blocks with each candidate and keeping the smallest. Every chunk is an ordinary c-blosc
/// 1.x zstd frame, whose header records its shuffle (the zstd level needs no record), so any Blosc reader (numcodecs,
/// <see cref="BloscChunkCodec"/>) decodes it; the metadata declares the usual <c>blosc</c> configuration
/// (<see cref="BloscChunkCodec"/>), which is what it reads back as.
/// </summary>
public sealed class AdaptiveBloscCodec : BytesToBytesCodec
{
    /// <summary>The c-blosc clevel whose block size the frames use (9: 1 MiB blocks, the largest c-blosc picks for zstd).</summary>
    public const int BlockClevel = 9;
    private const int SampleBlocks = 2;
    private static readonly BloscShuffle[] Shuffles = { BloscShuffle.None, BloscShuffle.Byte, BloscShuffle.Bit };

    /// <param name="typeSize">the typesize the metadata declares (v3); null: none (v2 takes it from the dtype). Frames use the chunk's dtype size.</param>
    /// <param name="zstdLevels">the zstd levels to try (1–22), cheapest first; a higher one is kept only when its sample is smaller.</param>
    public AdaptiveBloscCodec(int? typeSize, params int[] zstdLevels)
    {
        TypeSize = typeSize;
        if (zstdLevels.Length == 0 || zstdLevels.Any(l => l < 1 || l > 22))
            throw new CodecConfigurationException($"zstd levels [{string.Join(",", zstdLevels)}] must be 1–22, at least one.");
        ZstdLevels = zstdLevels;
    }

    public int[] ZstdLevels { get; }

    public int? TypeSize { get; }

    public override string Name => BloscChunkCodec.CodecName;

    /// <summary>What a reader needs: a zstd Blosc codec (the shuffle written is the usual one; each frame says its own).</summary>
    public BloscChunkCodec Declared => new("zstd", BlockClevel, BloscShuffle.Bit, TypeSize);

    public override JsonObject Configuration() => Declared.Configuration();

    public override byte[] Encode(ReadOnlySpan<byte> input, ChunkSpec spec)
    {
        (BloscShuffle shuffle, int level, byte[]? whole) = Choose(input, spec.DType.Size());
        return whole ?? BloscCodec.Compress(input, spec.DType.Size(), BlockClevel, shuffle, 0, level);
    }

    public override byte[] Decode(ReadOnlySpan<byte> input, ChunkSpec spec) => Declared.Decode(input, spec);

    /// <summary>
    /// The shuffle (tried at the cheapest level), then the level (with that shuffle), each on the same sample blocks;
    /// when the sample is the whole input, also the winning frame itself (so it is not compressed twice).
    /// </summary>
    public (BloscShuffle Shuffle, int ZstdLevel, byte[]? Whole) Choose(ReadOnlySpan<byte> input, int typeSize)
    {
        int block = BloscCodec.ComputeBlockSize(BlockClevel, typeSize, input.Length, 0);
        int blocks = (input.Length + block - 1) / Math.Max(1, block);
        if (blocks <= 0) return (BloscShuffle.Bit, ZstdLevels[0], null);
        int taken = Math.Min(blocks, SampleBlocks);
        var sample = new byte[taken * block];
        int length = 0;
        for (int i = 0; i < taken; i++)
        {
            // Spread over the chunk, skipping the first block where there are others (it holds any header).
            int b = blocks <= taken ? i : 1 + (int)((long)i * (blocks - 1) / taken);
            int start = b * block, n = Math.Min(block, input.Length - start);
            input.Slice(start, n).CopyTo(sample.AsSpan(length));
            length += n;
        }
        ReadOnlySpan<byte> s = sample.AsSpan(0, length);
        BloscShuffle shuffle = BloscShuffle.Bit;
        byte[]? best = null;
        foreach (BloscShuffle candidate in Shuffles)
        {
            if (candidate == BloscShuffle.Byte && typeSize == 1) continue; // the same bytes as no shuffle
            byte[] frame = BloscCodec.Compress(s, typeSize, BlockClevel, candidate, block, ZstdLevels[0]);
            if (best is null || frame.Length < best.Length) (best, shuffle) = (frame, candidate);
        }
        int level = ZstdLevels[0];
        for (int i = 1; i < ZstdLevels.Length; i++)
        {
            byte[] frame = BloscCodec.Compress(s, typeSize, BlockClevel, shuffle, block, ZstdLevels[i]);
            if (frame.Length < best!.Length) (best, level) = (frame, ZstdLevels[i]);
        }
        // A frame of the whole input with the block size forced equals the automatic one (same size, same blocks).
        return (shuffle, level, length == input.Length ? best : null);
    }
}
