using System;
using System.Buffers.Binary;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// The bitshuffle transform as c-blosc 1.x applies it to one block: over the largest multiple of 8 elements,
/// (1) bytes of each element grouped by position, (2) every 8 bytes transposed as an 8×8 bit matrix into
/// eight bit rows, (3) the bit rows of each byte position interleaved. c-blosc 1.x (frame format version 2)
/// bit-shuffles only blocks whose element count is a multiple of 8 and copies any other block as it is
/// (checked against c-blosc 1.21's frames); bytes past the last whole element are copied as they are.
/// </summary>
internal static class BitShuffle
{
    public static void Shuffle(ReadOnlySpan<byte> src, Span<byte> dst, int typeSize, Span<byte> scratch)
    {
        int n = src.Length / typeSize;
        if (n % 8 != 0) n = 0;
        int bytes = n * typeSize;
        if (n > 0)
        {
            Span<byte> a = scratch.Slice(0, bytes);
            ByteShuffle.Shuffle(src.Slice(0, bytes), a, typeSize);
            // dst temporarily holds the bit rows of step 2; step 3 goes back through scratch.
            Span<byte> rows = dst.Slice(0, bytes);
            TransposeBitsToRows(a, rows);
            InterleaveRows(rows, a, typeSize, n / 8);
            a.CopyTo(dst);
        }
        src.Slice(bytes).CopyTo(dst.Slice(bytes));
    }

    public static void Unshuffle(ReadOnlySpan<byte> src, Span<byte> dst, int typeSize, Span<byte> scratch)
    {
        int n = src.Length / typeSize;
        if (n % 8 != 0) n = 0;
        int bytes = n * typeSize;
        if (n > 0)
        {
            Span<byte> a = scratch.Slice(0, bytes);
            DeinterleaveRows(src.Slice(0, bytes), a, typeSize, n / 8);
            Span<byte> grouped = dst.Slice(0, bytes);
            TransposeRowsToBits(a, grouped);
            ByteShuffle.Unshuffle(grouped, a, typeSize);
            a.CopyTo(dst);
        }
        src.Slice(bytes).CopyTo(dst.Slice(bytes));
    }

    /// <summary>Step 2: out[k·(N/8) + i] = bit plane k of the 8 bytes in[8i … 8i+7].</summary>
    private static void TransposeBitsToRows(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int rowLength = input.Length / 8;
        for (int i = 0; i < rowLength; i++)
        {
            ulong x = Transpose8x8(BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(i * 8)));
            for (int k = 0; k < 8; k++, x >>= 8) output[k * rowLength + i] = (byte)x;
        }
    }

    private static void TransposeRowsToBits(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int rowLength = input.Length / 8;
        for (int i = 0; i < rowLength; i++)
        {
            ulong x = 0;
            for (int k = 7; k >= 0; k--) x = (x << 8) | input[k * rowLength + i];
            BinaryPrimitives.WriteUInt64LittleEndian(output.Slice(i * 8), Transpose8x8(x));
        }
    }

    /// <summary>Step 3: the 8 bit rows of each byte position, row by row: out[(j·8 + r)·L] = in[(r·typeSize + j)·L], L = N/8 bytes.</summary>
    private static void InterleaveRows(ReadOnlySpan<byte> input, Span<byte> output, int typeSize, int rowBytes)
    {
        for (int r = 0; r < 8; r++)
            for (int j = 0; j < typeSize; j++)
                input.Slice((r * typeSize + j) * rowBytes, rowBytes).CopyTo(output.Slice((j * 8 + r) * rowBytes, rowBytes));
    }

    private static void DeinterleaveRows(ReadOnlySpan<byte> input, Span<byte> output, int typeSize, int rowBytes)
    {
        for (int r = 0; r < 8; r++)
            for (int j = 0; j < typeSize; j++)
                input.Slice((j * 8 + r) * rowBytes, rowBytes).CopyTo(output.Slice((r * typeSize + j) * rowBytes, rowBytes));
    }

    /// <summary>Transposes the 8×8 bit matrix held in x (byte = row); its own inverse.</summary>
    private static ulong Transpose8x8(ulong x)
    {
        ulong t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        return x ^ t ^ (t << 28);
    }
}
