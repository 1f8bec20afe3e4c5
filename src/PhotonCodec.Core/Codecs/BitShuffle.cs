using System;
using System.Buffers.Binary;
#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// The bitshuffle transform as c-blosc 1.x applies it to one block of N elements: the bytes of each element are
/// grouped by position (byte shuffle), then each group ("lane", N bytes) becomes 8 bit rows of N/8 bytes, row r
/// holding bit r of every byte, element k of the lane in bit k%8 of byte k/8. c-blosc 1.21 (frame format 2)
/// bit-shuffles only blocks whose element count is a multiple of 8 and copies any other block as it is
/// (blosc_internal_bitshuffle); bytes past the last whole element are copied as they are.
/// </summary>
internal static class BitShuffle
{
    /// <param name="scratch">At least <paramref name="src"/>.Length bytes, distinct from src and dst.</param>
    public static void Shuffle(ReadOnlySpan<byte> src, Span<byte> dst, int typeSize, Span<byte> scratch) =>
        Shuffle(src, dst, typeSize, scratch, allowSimd: true);

    public static void Unshuffle(ReadOnlySpan<byte> src, Span<byte> dst, int typeSize, Span<byte> scratch) =>
        Unshuffle(src, dst, typeSize, scratch, allowSimd: true);

    internal static void Shuffle(ReadOnlySpan<byte> src, Span<byte> dst, int typeSize, Span<byte> scratch, bool allowSimd)
    {
        int n = src.Length / typeSize;
        if (n % 8 != 0)
        {
            src.CopyTo(dst);
            return;
        }
        int bytes = n * typeSize;
        ReadOnlySpan<byte> lanes = src.Slice(0, bytes);
        if (typeSize > 1)
        {
            ByteShuffle.Shuffle(lanes, scratch.Slice(0, bytes), typeSize, allowSimd);
            lanes = scratch.Slice(0, bytes);
        }
        // Lane j's 8 rows land exactly where lane j sits: row r of byte position j starts at (8j + r)·N/8 = j·N + r·N/8.
        for (int j = 0; j < typeSize; j++)
            LaneToRows(lanes.Slice(j * n, n), dst.Slice(j * n, n), allowSimd);
        src.Slice(bytes).CopyTo(dst.Slice(bytes));
    }

    internal static void Unshuffle(ReadOnlySpan<byte> src, Span<byte> dst, int typeSize, Span<byte> scratch, bool allowSimd)
    {
        int n = src.Length / typeSize;
        if (n % 8 != 0)
        {
            src.CopyTo(dst);
            return;
        }
        int bytes = n * typeSize;
        Span<byte> lanes = typeSize > 1 ? scratch.Slice(0, bytes) : dst.Slice(0, bytes);
        for (int j = 0; j < typeSize; j++)
            RowsToLane(src.Slice(j * n, n), lanes.Slice(j * n, n), allowSimd);
        if (typeSize > 1) ByteShuffle.Unshuffle(lanes, dst.Slice(0, bytes), typeSize, allowSimd);
        src.Slice(bytes).CopyTo(dst.Slice(bytes));
    }

    /// <summary>rows[r·L + i] bit k = lane[8i + k] bit r, L = lane.Length / 8.</summary>
    private static void LaneToRows(ReadOnlySpan<byte> lane, Span<byte> rows, bool allowSimd)
    {
        int rowLength = lane.Length / 8;
        int i = 0;
#if NET8_0_OR_GREATER
        if (allowSimd) i = LaneToRowsSimd(lane, rows, rowLength);
#endif
        for (; i < rowLength; i++)
        {
            ulong x = Transpose8x8(BinaryPrimitives.ReadUInt64LittleEndian(lane.Slice(i * 8)));
            for (int r = 0; r < 8; r++, x >>= 8) rows[r * rowLength + i] = (byte)x;
        }
    }

    private static void RowsToLane(ReadOnlySpan<byte> rows, Span<byte> lane, bool allowSimd)
    {
        int rowLength = rows.Length / 8;
        int i = 0;
#if NET8_0_OR_GREATER
        if (allowSimd) i = RowsToLaneSimd(rows, lane, rowLength);
#endif
        for (; i < rowLength; i++)
        {
            ulong x = 0;
            for (int r = 7; r >= 0; r--) x = (x << 8) | rows[r * rowLength + i];
            BinaryPrimitives.WriteUInt64LittleEndian(lane.Slice(i * 8), Transpose8x8(x));
        }
    }

    /// <summary>Transposes the 8×8 bit matrix held in x (byte = row, bit = column); its own inverse.</summary>
    private static ulong Transpose8x8(ulong x)
    {
        ulong t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        return x ^ t ^ (t << 28);
    }

#if NET8_0_OR_GREATER
    /// <summary>Movemask transpose: the top bit of every byte of a vector is one row's bits; doubling the bytes brings up the next bit. Returns the row bytes done.</summary>
    private static int LaneToRowsSimd(ReadOnlySpan<byte> lane, Span<byte> rows, int rowLength)
    {
        ref byte src = ref MemoryMarshal.GetReference(lane);
        ref byte dst = ref MemoryMarshal.GetReference(rows);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= rowLength; i += 4)
            {
                Vector256<byte> v = Vector256.LoadUnsafe(ref src, (nuint)(i * 8));
                for (int r = 7; r >= 0; r--)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, r * rowLength + i), ToLittleEndian(v.ExtractMostSignificantBits()));
                    v += v;
                }
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 2 <= rowLength; i += 2)
            {
                Vector128<byte> v = Vector128.LoadUnsafe(ref src, (nuint)(i * 8));
                for (int r = 7; r >= 0; r--)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, r * rowLength + i), ToLittleEndian((ushort)v.ExtractMostSignificantBits()));
                    v += v;
                }
            }
        }
        return i;
    }

    private static uint ToLittleEndian(uint x) => BitConverter.IsLittleEndian ? x : BinaryPrimitives.ReverseEndianness(x);

    private static ushort ToLittleEndian(ushort x) => BitConverter.IsLittleEndian ? x : BinaryPrimitives.ReverseEndianness(x);

    /// <summary>
    /// Byte i of the 8 rows interleaved into one 64-bit word (unpack cascade), then the same 8×8 bit transpose as
    /// the scalar path on every 64-bit lane. Returns the row bytes done.
    /// </summary>
    private static int RowsToLaneSimd(ReadOnlySpan<byte> rows, Span<byte> lane, int rowLength)
    {
        ref byte src = ref MemoryMarshal.GetReference(rows);
        ref byte dst = ref MemoryMarshal.GetReference(lane);
        int i = 0;
        if (Avx2.IsSupported)
        {
            for (; i + 32 <= rowLength; i += 32)
            {
                // Per 128-bit half: the low half covers row bytes i..i+15, the high half i+16..i+31.
                Vector256<byte> r0 = Vector256.LoadUnsafe(ref src, (nuint)i);
                Vector256<byte> r1 = Vector256.LoadUnsafe(ref src, (nuint)(rowLength + i));
                Vector256<byte> r2 = Vector256.LoadUnsafe(ref src, (nuint)(2 * rowLength + i));
                Vector256<byte> r3 = Vector256.LoadUnsafe(ref src, (nuint)(3 * rowLength + i));
                Vector256<byte> r4 = Vector256.LoadUnsafe(ref src, (nuint)(4 * rowLength + i));
                Vector256<byte> r5 = Vector256.LoadUnsafe(ref src, (nuint)(5 * rowLength + i));
                Vector256<byte> r6 = Vector256.LoadUnsafe(ref src, (nuint)(6 * rowLength + i));
                Vector256<byte> r7 = Vector256.LoadUnsafe(ref src, (nuint)(7 * rowLength + i));
                Vector256<ushort> a01l = Avx2.UnpackLow(r0, r1).AsUInt16(), a01h = Avx2.UnpackHigh(r0, r1).AsUInt16();
                Vector256<ushort> a23l = Avx2.UnpackLow(r2, r3).AsUInt16(), a23h = Avx2.UnpackHigh(r2, r3).AsUInt16();
                Vector256<ushort> a45l = Avx2.UnpackLow(r4, r5).AsUInt16(), a45h = Avx2.UnpackHigh(r4, r5).AsUInt16();
                Vector256<ushort> a67l = Avx2.UnpackLow(r6, r7).AsUInt16(), a67h = Avx2.UnpackHigh(r6, r7).AsUInt16();
                Vector256<uint> b0 = Avx2.UnpackLow(a01l, a23l).AsUInt32(), b1 = Avx2.UnpackHigh(a01l, a23l).AsUInt32();
                Vector256<uint> b2 = Avx2.UnpackLow(a01h, a23h).AsUInt32(), b3 = Avx2.UnpackHigh(a01h, a23h).AsUInt32();
                Vector256<uint> d0 = Avx2.UnpackLow(a45l, a67l).AsUInt32(), d1 = Avx2.UnpackHigh(a45l, a67l).AsUInt32();
                Vector256<uint> d2 = Avx2.UnpackLow(a45h, a67h).AsUInt32(), d3 = Avx2.UnpackHigh(a45h, a67h).AsUInt32();
                ref byte o = ref Unsafe.Add(ref dst, i * 8);
                Store256(ref o, Transpose8x8(Avx2.UnpackLow(b0, d0).AsUInt64()), 0);
                Store256(ref o, Transpose8x8(Avx2.UnpackHigh(b0, d0).AsUInt64()), 16);
                Store256(ref o, Transpose8x8(Avx2.UnpackLow(b1, d1).AsUInt64()), 32);
                Store256(ref o, Transpose8x8(Avx2.UnpackHigh(b1, d1).AsUInt64()), 48);
                Store256(ref o, Transpose8x8(Avx2.UnpackLow(b2, d2).AsUInt64()), 64);
                Store256(ref o, Transpose8x8(Avx2.UnpackHigh(b2, d2).AsUInt64()), 80);
                Store256(ref o, Transpose8x8(Avx2.UnpackLow(b3, d3).AsUInt64()), 96);
                Store256(ref o, Transpose8x8(Avx2.UnpackHigh(b3, d3).AsUInt64()), 112);
            }
        }
        if (Sse2.IsSupported)
        {
            for (; i + 16 <= rowLength; i += 16)
            {
                Vector128<byte> r0 = Vector128.LoadUnsafe(ref src, (nuint)i);
                Vector128<byte> r1 = Vector128.LoadUnsafe(ref src, (nuint)(rowLength + i));
                Vector128<byte> r2 = Vector128.LoadUnsafe(ref src, (nuint)(2 * rowLength + i));
                Vector128<byte> r3 = Vector128.LoadUnsafe(ref src, (nuint)(3 * rowLength + i));
                Vector128<byte> r4 = Vector128.LoadUnsafe(ref src, (nuint)(4 * rowLength + i));
                Vector128<byte> r5 = Vector128.LoadUnsafe(ref src, (nuint)(5 * rowLength + i));
                Vector128<byte> r6 = Vector128.LoadUnsafe(ref src, (nuint)(6 * rowLength + i));
                Vector128<byte> r7 = Vector128.LoadUnsafe(ref src, (nuint)(7 * rowLength + i));
                Vector128<ushort> a01l = Sse2.UnpackLow(r0, r1).AsUInt16(), a01h = Sse2.UnpackHigh(r0, r1).AsUInt16();
                Vector128<ushort> a23l = Sse2.UnpackLow(r2, r3).AsUInt16(), a23h = Sse2.UnpackHigh(r2, r3).AsUInt16();
                Vector128<ushort> a45l = Sse2.UnpackLow(r4, r5).AsUInt16(), a45h = Sse2.UnpackHigh(r4, r5).AsUInt16();
                Vector128<ushort> a67l = Sse2.UnpackLow(r6, r7).AsUInt16(), a67h = Sse2.UnpackHigh(r6, r7).AsUInt16();
                Vector128<uint> b0 = Sse2.UnpackLow(a01l, a23l).AsUInt32(), b1 = Sse2.UnpackHigh(a01l, a23l).AsUInt32();
                Vector128<uint> b2 = Sse2.UnpackLow(a01h, a23h).AsUInt32(), b3 = Sse2.UnpackHigh(a01h, a23h).AsUInt32();
                Vector128<uint> d0 = Sse2.UnpackLow(a45l, a67l).AsUInt32(), d1 = Sse2.UnpackHigh(a45l, a67l).AsUInt32();
                Vector128<uint> d2 = Sse2.UnpackLow(a45h, a67h).AsUInt32(), d3 = Sse2.UnpackHigh(a45h, a67h).AsUInt32();
                ref byte o = ref Unsafe.Add(ref dst, i * 8);
                Transpose8x8(Sse2.UnpackLow(b0, d0).AsUInt64()).AsByte().StoreUnsafe(ref o, 0);
                Transpose8x8(Sse2.UnpackHigh(b0, d0).AsUInt64()).AsByte().StoreUnsafe(ref o, 16);
                Transpose8x8(Sse2.UnpackLow(b1, d1).AsUInt64()).AsByte().StoreUnsafe(ref o, 32);
                Transpose8x8(Sse2.UnpackHigh(b1, d1).AsUInt64()).AsByte().StoreUnsafe(ref o, 48);
                Transpose8x8(Sse2.UnpackLow(b2, d2).AsUInt64()).AsByte().StoreUnsafe(ref o, 64);
                Transpose8x8(Sse2.UnpackHigh(b2, d2).AsUInt64()).AsByte().StoreUnsafe(ref o, 80);
                Transpose8x8(Sse2.UnpackLow(b3, d3).AsUInt64()).AsByte().StoreUnsafe(ref o, 96);
                Transpose8x8(Sse2.UnpackHigh(b3, d3).AsUInt64()).AsByte().StoreUnsafe(ref o, 112);
            }
        }
        return i;
    }

    /// <summary>The 256-bit unpacks work per 128-bit half: the low half belongs at offset, the high half 16 words (128 bytes) later.</summary>
    private static void Store256(ref byte output, Vector256<ulong> words, int offset)
    {
        words.GetLower().AsByte().StoreUnsafe(ref output, (nuint)offset);
        words.GetUpper().AsByte().StoreUnsafe(ref output, (nuint)(offset + 128));
    }

    private static Vector128<ulong> Transpose8x8(Vector128<ulong> x)
    {
        Vector128<ulong> t = (x ^ Vector128.ShiftRightLogical(x, 7)) & Vector128.Create(0x00AA00AA00AA00AAUL);
        x = x ^ t ^ Vector128.ShiftLeft(t, 7);
        t = (x ^ Vector128.ShiftRightLogical(x, 14)) & Vector128.Create(0x0000CCCC0000CCCCUL);
        x = x ^ t ^ Vector128.ShiftLeft(t, 14);
        t = (x ^ Vector128.ShiftRightLogical(x, 28)) & Vector128.Create(0x00000000F0F0F0F0UL);
        return x ^ t ^ Vector128.ShiftLeft(t, 28);
    }

    private static Vector256<ulong> Transpose8x8(Vector256<ulong> x)
    {
        Vector256<ulong> t = (x ^ Vector256.ShiftRightLogical(x, 7)) & Vector256.Create(0x00AA00AA00AA00AAUL);
        x = x ^ t ^ Vector256.ShiftLeft(t, 7);
        t = (x ^ Vector256.ShiftRightLogical(x, 14)) & Vector256.Create(0x0000CCCC0000CCCCUL);
        x = x ^ t ^ Vector256.ShiftLeft(t, 14);
        t = (x ^ Vector256.ShiftRightLogical(x, 28)) & Vector256.Create(0x00000000F0F0F0F0UL);
        return x ^ t ^ Vector256.ShiftLeft(t, 28);
    }
#endif
}
