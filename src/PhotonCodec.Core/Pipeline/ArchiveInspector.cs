using System;
using System.Collections.Generic;
using System.IO;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Stores;

namespace PhotonCodec.Core.Pipeline;

/// <summary>One chunk file along the frame axis of an archive; <see cref="Problem"/> says why it cannot be read (null when it can);
/// <see cref="Missing"/>: the chunk file is gone from an archive of ours (its bytes are not counted; the archive is incomplete).</summary>
public readonly record struct ArchiveChunk(long ChunkIndex, long FirstFrame, int Frames, long StoredBytes, long DecodedBytes, string? Problem = null, bool Missing = false);

/// <summary>
/// Sizes of an archive's chunk (v3: shard) files, without decompressing them. Each v2 Blosc header and each v3 shard
/// index is checked; a bad one is reported on its chunk (<see cref="ArchiveChunk.Problem"/>) and the other chunks are still listed.
/// </summary>
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
            string? problem = null;
            bool exists = archive.Store.ChunkExists(index);
            if (exists)
            {
                string file = archive.Store.ChunkFile(index);
                stored = new FileInfo(file).Length;
                if (m.Codecs.Sharding is not null)
                {
                    try
                    {
                        archive.Store.ShardIndexOf(index);   // the index's crc32c and entries are checked
                    }
                    catch (Exception ex) when (ex is CorruptChunkException or ZarrFormatException)
                    {
                        problem = ex.Message;
                    }
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
                        problem = ex.Message;
                    }
                }
            }
            if (exists && problem is null && archive.Store.Checksums.Manifest is not null)
            {
                // What the header and index cannot see: any other changed byte.
                try { archive.Store.Checksums.Check(index, File.ReadAllBytes(archive.Store.ChunkFile(index))); }
                catch (ChunkChecksumException ex) { problem = ex.Message; }
            }
            bool missing = !exists && archive.Store.Checksums.RequireChunks;
            if (missing) problem = $"the chunk file '{archive.Store.ChunkFile(index)}' is missing";
            yield return new ArchiveChunk(c, first, frames, stored, frames * frameDecodedBytes, problem, missing);
        }
    }
}
