using System;

namespace PhotonCodec.Core;

internal static class ByteOrder
{
    /// <summary>Reverses the bytes of every <paramref name="elementSize"/>-byte element (big-endian ↔ little-endian).</summary>
    public static void SwapInPlace(Span<byte> data, int elementSize)
    {
        if (elementSize == 1) return;
        for (int i = 0; i + elementSize <= data.Length; i += elementSize)
            data.Slice(i, elementSize).Reverse();
    }
}
