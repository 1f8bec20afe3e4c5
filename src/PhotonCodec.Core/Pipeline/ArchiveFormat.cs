namespace PhotonCodec.Core.Pipeline;

/// <summary>The Zarr format an archive is written in.</summary>
public enum ArchiveFormat
{
    /// <summary>Zarr v2: one .zarray, one Blosc file per chunk of frames (the seed layout; the default).</summary>
    ZarrV2,

    /// <summary>Zarr v3: zarr.json, shards of ChunkFrames frames holding inner chunks of InnerChunkFrames frames.</summary>
    ZarrV3,
}
