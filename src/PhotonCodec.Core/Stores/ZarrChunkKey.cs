using System;

namespace PhotonCodec.Core.Stores;

/// <summary>The store key of a chunk: indices joined by the array's dimension separator ("0.0.0" or "0/0/0").</summary>
internal static class ZarrChunkKey
{
    public static string Of(ZarrArrayMetadata metadata, long[] chunkIndex)
    {
        if (chunkIndex.Length != metadata.Rank)
            throw new ArgumentException($"A chunk index of this array has {metadata.Rank} components; got {chunkIndex.Length}.", nameof(chunkIndex));
        for (int d = 0; d < chunkIndex.Length; d++)
            if (chunkIndex[d] < 0 || chunkIndex[d] >= Math.Max(1, metadata.ChunkCount(d)))
                throw new ArgumentOutOfRangeException(nameof(chunkIndex), $"Chunk index {string.Join(",", chunkIndex)} is outside the array's chunk grid.");
        return metadata.Rank == 0 ? "0" : string.Join(metadata.DimensionSeparator.ToString(), chunkIndex);
    }
}
