using System;

namespace PhotonCodec.Core.Codecs;

/// <summary>Copies an N-d box between two C-order buffers of different shapes, a contiguous row of the last dimension at a time.</summary>
internal static class ChunkRegion
{
    public static void Copy(ReadOnlySpan<byte> source, int[] sourceShape, int[] sourceOrigin,
        Span<byte> destination, int[] destinationShape, int[] destinationOrigin, int[] box, int elementSize)
    {
        int rank = box.Length;
        if (rank == 0)
        {
            source.Slice(0, elementSize).CopyTo(destination);
            return;
        }
        foreach (int b in box) if (b <= 0) return;
        int rowBytes = box[rank - 1] * elementSize;
        var at = new int[rank]; // position inside the box, last dimension always 0
        while (true)
        {
            long src = 0, dst = 0;
            for (int d = 0; d < rank; d++)
            {
                src = src * sourceShape[d] + sourceOrigin[d] + at[d];
                dst = dst * destinationShape[d] + destinationOrigin[d] + at[d];
            }
            source.Slice(checked((int)(src * elementSize)), rowBytes).CopyTo(destination.Slice(checked((int)(dst * elementSize)), rowBytes));
            int k = rank - 2;
            while (k >= 0 && ++at[k] == box[k]) at[k--] = 0;
            if (k < 0) return;
        }
    }
}
