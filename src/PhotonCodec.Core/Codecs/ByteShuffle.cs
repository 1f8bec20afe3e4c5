using System;
#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace PhotonCodec.Core.Codecs;

/// <summary>c-blosc's byte shuffle: byte j of every element together, then the bytes that do not fill an element, as they are.</summary>
internal static class ByteShuffle
{
    public static void Shuffle(ReadOnlySpan<byte> src, Span<byte> dst, int typeSize) => Shuffle(src, dst, typeSize, allowSimd: true);

    public static void Unshuffle(ReadOnlySpan<byte> src, Span<byte> dst, int typeSize) => Unshuffle(src, dst, typeSize, allowSimd: true);

    internal static void Shuffle(ReadOnlySpan<byte> src, Span<byte> dst, int typeSize, bool allowSimd)
    {
        int count = src.Length / typeSize;
        int i = 0;
#if NET8_0_OR_GREATER
        if (allowSimd && typeSize == 2) i = Shuffle2Simd(src, dst, count);
#endif
        for (int j = 0; j < typeSize; j++)
        {
            Span<byte> lane = dst.Slice(j * count, count);
            for (int e = i, k = i * typeSize + j; e < count; e++, k += typeSize) lane[e] = src[k];
        }
        int done = count * typeSize;
        src.Slice(done).CopyTo(dst.Slice(done));
    }

    internal static void Unshuffle(ReadOnlySpan<byte> src, Span<byte> dst, int typeSize, bool allowSimd)
    {
        int count = src.Length / typeSize;
        int i = 0;
#if NET8_0_OR_GREATER
        if (allowSimd && typeSize == 2) i = Unshuffle2Simd(src, dst, count);
#endif
        for (int j = 0; j < typeSize; j++)
        {
            ReadOnlySpan<byte> lane = src.Slice(j * count, count);
            for (int e = i, k = i * typeSize + j; e < count; e++, k += typeSize) dst[k] = lane[e];
        }
        int done = count * typeSize;
        src.Slice(done).CopyTo(dst.Slice(done));
    }

#if NET8_0_OR_GREATER
    /// <summary>16-bit elements, 16 at a time: even bytes to the first lane, odd bytes to the second. Returns the elements done.</summary>
    private static int Shuffle2Simd(ReadOnlySpan<byte> src, Span<byte> dst, int count)
    {
        if (!Ssse3.IsSupported) return 0;
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        Vector128<byte> split = Vector128.Create((byte)0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);
        int i = 0;
        for (; i + 16 <= count; i += 16)
        {
            Vector128<ulong> a = Ssse3.Shuffle(Vector128.LoadUnsafe(ref s, (nuint)(2 * i)), split).AsUInt64();
            Vector128<ulong> b = Ssse3.Shuffle(Vector128.LoadUnsafe(ref s, (nuint)(2 * i + 16)), split).AsUInt64();
            Sse2.UnpackLow(a, b).AsByte().StoreUnsafe(ref d, (nuint)i);
            Sse2.UnpackHigh(a, b).AsByte().StoreUnsafe(ref d, (nuint)(count + i));
        }
        return i;
    }

    private static int Unshuffle2Simd(ReadOnlySpan<byte> src, Span<byte> dst, int count)
    {
        if (!Sse2.IsSupported) return 0;
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref byte d = ref MemoryMarshal.GetReference(dst);
        int i = 0;
        for (; i + 16 <= count; i += 16)
        {
            Vector128<byte> lo = Vector128.LoadUnsafe(ref s, (nuint)i);
            Vector128<byte> hi = Vector128.LoadUnsafe(ref s, (nuint)(count + i));
            Sse2.UnpackLow(lo, hi).StoreUnsafe(ref d, (nuint)(2 * i));
            Sse2.UnpackHigh(lo, hi).StoreUnsafe(ref d, (nuint)(2 * i + 16));
        }
        return i;
    }
#endif
}
