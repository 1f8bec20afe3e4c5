using System;
using System.Collections.Generic;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Tests.Codecs;

/// <summary>A frame whose blocks are compressed in parallel is the sequential encoder's frame, byte for byte.</summary>
public sealed class BloscParallelEncodeTests
{
    /// <summary>Poisson-like codes, with the blocks listed in <paramref name="randomBlocks"/> made incompressible.</summary>
    private static byte[] Codes(int size, int seed, int blockSize, params int[] randomBlocks)
    {
        var rng = new Random(seed);
        var data = new byte[size];
        for (int i = 0; i < size; i++) data[i] = (byte)(i % 5 == 0 ? rng.Next(64) : rng.Next(3));
        foreach (int b in randomBlocks)
            rng.NextBytes(data.AsSpan(b * blockSize, Math.Min(blockSize, size - b * blockSize)));
        return data;
    }

    public static IEnumerable<object[]> Cases()
    {
        foreach (int typeSize in new[] { 1, 2 })
            foreach (BloscShuffle shuffle in new[] { BloscShuffle.Bit, BloscShuffle.Byte, BloscShuffle.None })
            {
                yield return new object[] { typeSize, shuffle, 1000003, new int[0] };    // 4 blocks, a short last one
                yield return new object[] { typeSize, shuffle, 1048576, new[] { 1 } };    // one block stored as it is
                yield return new object[] { typeSize, shuffle, 786432, new[] { 0, 1, 2 } }; // nothing fits: the frame is memcpyed
            }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParallelBlocksGiveTheSequentialFrame(int typeSize, BloscShuffle shuffle, int size, int[] randomBlocks)
    {
        int blockSize = BloscCodec.ComputeBlockSize(5, typeSize, size, 0);
        byte[] data = Codes(size, size + typeSize, blockSize, randomBlocks);
        byte[] sequential = BloscCodec.Compress(data, typeSize, 5, shuffle);
        Assert.True(size / blockSize >= 3, "the case has several blocks");
        foreach (int threads in new[] { 2, 3, 8 })
        {
            BloscCodec.BlockThreads = threads;
            try
            {
                Assert.Equal(sequential, BloscCodec.Compress(data, typeSize, 5, shuffle));
            }
            finally
            {
                BloscCodec.BlockThreads = 1;
            }
        }
        Assert.Equal(data, BloscCodec.Decompress(sequential));
        Assert.Equal(randomBlocks.Length == 3, BloscCodec.ReadHeader(sequential).IsMemcpyed);
    }

    [Theory]
    [InlineData(PixelType.UInt8, 40)]
    [InlineData(PixelType.UInt16, 40)]
    [InlineData(PixelType.UInt16, 1)]
    public void TheRentedV2EncodingIsTheChainsEncoding(PixelType type, int frames)
    {
        var spec = new ChunkSpec(new[] { frames, 64, 64 }, type);
        byte[] chunk = Codes(spec.Bytes, frames, 1 << 30);
        var chain = new CodecChain(new BytesCodec(), new BloscChunkCodec());
        byte[]? rented = chain.EncodeRented(chunk, spec, out int length);
        Assert.NotNull(rented);
        try
        {
            Assert.Equal(chain.Encode(chunk, spec), rented.AsSpan(0, length).ToArray());
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
        Assert.Null(new CodecChain(new BytesCodec(bigEndian: true), new BloscChunkCodec()).EncodeRented(chunk, spec, out _));
    }
}
