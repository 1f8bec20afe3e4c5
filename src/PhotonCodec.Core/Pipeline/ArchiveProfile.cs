namespace PhotonCodec.Core.Pipeline;

/// <summary>How hard an archive's chunks are compressed.</summary>
public enum ArchiveProfile
{
    /// <summary>The values as they are, Blosc zstd bitshuffle at CompressionLevel (the layout every Zarr reader knows).</summary>
    Default,

    /// <summary>
    /// Per chunk, temporal prediction of the stored integers (photoncodec.predict: none, per-pixel mean or previous
    /// frame, whichever compresses smallest) and the Blosc shuffle and zstd level chosen by trial. The same codes
    /// (Quantized) or integers (Lossless), so the decoded values are bit-identical to the default profile's.
    /// </summary>
    Max,
}
