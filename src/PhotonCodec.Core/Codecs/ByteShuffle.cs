using System;

namespace PhotonCodec.Core.Codecs;

/// <summary>c-blosc's byte shuffle: byte j of every element together, then the bytes that do not fill an element, as they are.</summary>
internal static class ByteShuffle
{
    public static void Shuffle(ReadOnlySpan<byte> src, Span<byte> dst, int typeSize)
    {
        int count = src.Length / typeSize;
        for (int j = 0; j < typeSize; j++)
        {
            Span<byte> lane = dst.Slice(j * count, count);
            for (int i = 0, k = j; i < count; i++, k += typeSize) lane[i] = src[k];
        }
        int done = count * typeSize;
        src.Slice(done).CopyTo(dst.Slice(done));
    }

    public static void Unshuffle(ReadOnlySpan<byte> src, Span<byte> dst, int typeSize)
    {
        int count = src.Length / typeSize;
        for (int j = 0; j < typeSize; j++)
        {
            ReadOnlySpan<byte> lane = src.Slice(j * count, count);
            for (int i = 0, k = j; i < count; i++, k += typeSize) dst[k] = lane[i];
        }
        int done = count * typeSize;
        src.Slice(done).CopyTo(dst.Slice(done));
    }
}
