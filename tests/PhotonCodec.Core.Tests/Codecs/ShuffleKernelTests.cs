using System;
using System.Collections.Generic;
using PhotonCodec.Core.Codecs;

namespace PhotonCodec.Core.Tests.Codecs;

/// <summary>The vectorised shuffle kernels against the scalar ones, and both against c-blosc's bytes and a bit-by-bit definition.</summary>
public sealed class ShuffleKernelTests
{
    public static IEnumerable<object[]> Shapes()
    {
        foreach (int typeSize in new[] { 1, 2, 3, 4, 8, 16 })
            // element counts that hit the 256-bit, 128-bit and scalar loops and their tails, plus non-multiples of 8
            foreach (int elements in new[] { 0, 8, 16, 24, 120, 128, 136, 248, 256, 264, 384, 1000, 1024 + 8, 4096 + 200, 131072, 5, 100, 1001 })
                yield return new object[] { typeSize, elements };
    }

    private static byte[] Random(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Bitshuffle by its definition: output bit (8j + r)·N + e is bit r of byte j of element e.</summary>
    private static byte[] BitShuffleByDefinition(byte[] src, int typeSize)
    {
        int n = src.Length / typeSize;
        if (n % 8 != 0) return (byte[])src.Clone();
        var dst = (byte[])src.Clone();
        Array.Clear(dst, 0, n * typeSize);
        for (int e = 0; e < n; e++)
            for (int j = 0; j < typeSize; j++)
                for (int r = 0; r < 8; r++)
                {
                    int bit = (src[e * typeSize + j] >> r) & 1;
                    long outBit = (long)(8 * j + r) * n + e;
                    dst[outBit / 8] |= (byte)(bit << (int)(outBit % 8));
                }
        return dst;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BitShuffleKernelsAgreeWithTheDefinitionAndInvert(int typeSize, int elements)
    {
        byte[] src = Random(elements * typeSize + 3, elements * 7 + typeSize);   // + bytes that are not a whole element
        byte[] expected = BitShuffleByDefinition(src, typeSize);
        var scratch = new byte[src.Length];
        foreach (bool simd in new[] { false, true })
        {
            var shuffled = new byte[src.Length];
            BitShuffle.Shuffle(src, shuffled, typeSize, scratch, simd);
            Assert.Equal(expected, shuffled);
            var back = new byte[src.Length];
            BitShuffle.Unshuffle(shuffled, back, typeSize, scratch, simd);
            Assert.Equal(src, back);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ByteShuffleKernelsAgreeAndInvert(int typeSize, int elements)
    {
        byte[] src = Random(elements * typeSize + 1, elements + typeSize);
        var expected = (byte[])src.Clone();
        for (int e = 0; e < elements; e++)
            for (int j = 0; j < typeSize; j++) expected[j * elements + e] = src[e * typeSize + j];
        foreach (bool simd in new[] { false, true })
        {
            var shuffled = new byte[src.Length];
            ByteShuffle.Shuffle(src, shuffled, typeSize, simd);
            Assert.Equal(expected, shuffled);
            var back = new byte[src.Length];
            ByteShuffle.Unshuffle(shuffled, back, typeSize, simd);
            Assert.Equal(src, back);
        }
    }

    [Fact]
    public void ScalarAndVectorBitShuffleMatchCBloscBytes()
    {
        var values = new byte[32];
        for (int i = 0; i < 16; i++) BitConverter.TryWriteBytes(values.AsSpan(i * 2), (ushort)(i * 0x0101 + 1));
        byte[] expected = Convert.FromHexString("555566667878807f0080000000000000aaaaccccf0f000ff0000000000000000");
        foreach (bool simd in new[] { false, true })
        {
            var shuffled = new byte[32];
            BitShuffle.Shuffle(values, shuffled, 2, new byte[32], simd);
            Assert.Equal(expected, shuffled);
        }
    }
}
