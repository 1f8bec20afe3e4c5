using System;
using System.Collections.Generic;
using System.IO;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Stores;

namespace PhotonCodec.Core.Pipeline;

/// <summary>One chunk file along the frame axis of an archive.</summary>
public readonly record struct ArchiveChunk(long ChunkIndex, long FirstFrame, int Frames, long StoredBytes, long DecodedBytes);

/// <summary>Sizes of an archive's chunk (v3: shard) files, without decompressing them (each v2 Blosc header, each v3 shard index is checked).</summary>
public static class ArchiveInspector
{
    public static IEnumerable<ArchiveChunk> Chunks(PhotonArchive archive)
    {
        ZarrArrayMetadata m = archive.Store.Metadata;
        if (m.Chunks[1] != m.Shape[1] || m.Chunks[2] != m.Shape[2])
            throw new ZarrFormatException($"'{archive.Path}' is chunked across the frame plane ({string.Join("×", m.Chunks)}); per-chunk statistics need chunks of whole frames.");
        int perChunk = m.Chunks[0];
        long frameDecodedBytes = (long)archive.FramePixels * archive.OriginalType.Size();
        for (long c = 0, first = 0; first < archive.FrameCount; c++, first += perChunk)
        {
            int frames = (int)Math.Min(perChunk, archive.FrameCount - first);
            var index = new[] { c, 0L, 0L };
            long stored = 0;
            if (archive.Store.ChunkExists(index))
            {
                string file = archive.Store.ChunkFile(index);
                stored = new FileInfo(file).Length;
                if (m.Codecs.Sharding is not null)
                {
                    archive.Store.ShardIndexOf(index);   // the index's crc32c and entries are checked
                }
                else if (m.ZarrFormat == 2 && m.Compressor is not null)
                {
                    byte[] head = File.ReadAllBytes(file);
                    try
                    {
                        BloscHeader h = BloscCodec.ReadHeader(head);
                        if (h.UncompressedSize != (long)m.ChunkBytes)
                            throw new BloscFormatException($"holds {h.UncompressedSize} bytes, expected {m.ChunkBytes}");
                    }
                    catch (BloscFormatException ex)
                    {
                        throw new ZarrFormatException($"Chunk file '{file}' is corrupt: {ex.Message}", ex);
                    }
                }
            }
            yield return new ArchiveChunk(c, first, frames, stored, frames * frameDecodedBytes);
        }
    }
}
