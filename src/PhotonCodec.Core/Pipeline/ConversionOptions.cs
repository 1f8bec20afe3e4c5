using System;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>Everything a conversion can be told; unset photon parameters are estimated from the movie.</summary>
public sealed class ConversionOptions
{
    public CodecMode Mode { get; set; } = CodecMode.Quantized;

    /// <summary>Levels per photon; null = estimate from the movie.</summary>
    public double? Gain { get; set; }

    /// <summary>Level with no light; null = estimate from the movie.</summary>
    public double? ZeroLevel { get; set; }

    /// <summary>Read-noise standard deviation in levels; null = estimate from the movie.</summary>
    public double? ReadNoise { get; set; }

    /// <summary>Quantization step in units of the stabilized noise σ (0.05–2).</summary>
    public double Beta { get; set; } = AnscombeParameters.DefaultBeta;

    /// <summary>
    /// The stabilizing transform Quantized mode steps through: the detector's noise model (default) or the seed's
    /// Anscombe form. Float mode always stores the seed's Anscombe values.
    /// </summary>
    public StabilizingTransform Transform { get; set; } = StabilizingTransform.NoiseModel;

    /// <summary>Frames per chunk; null = min(100, T).</summary>
    public int? ChunkFrames { get; set; }

    /// <summary>Zarr v2 (default) or v3 with sharding.</summary>
    public ArchiveFormat Format { get; set; } = ArchiveFormat.ZarrV2;

    /// <summary>Default, or Max: temporal prediction and adaptive Blosc per chunk (Quantized and Lossless modes).</summary>
    public ArchiveProfile Profile { get; set; } = ArchiveProfile.Default;

    /// <summary>Zarr v3: frames per inner chunk of a shard (the smallest read); must divide the shard's frames. Null = 1 (Max profile: the whole shard, so frames can be predicted from each other).</summary>
    public int? InnerChunkFrames { get; set; }

    /// <summary>The array itself (default) or an OME-Zarr image group holding it at "0".</summary>
    public ArchiveStructure Layout { get; set; } = ArchiveStructure.Array;

    /// <summary>OME-Zarr: pixel size in micrometers (scale of y and x); null = unknown (scale 1, no unit).</summary>
    public double? PixelSize { get; set; }

    /// <summary>OME-Zarr: seconds between frames (scale of t); null = unknown (scale 1, no unit).</summary>
    public double? FrameInterval { get; set; }

    /// <summary>Quantized: also write the decode table as the photoncodec.decode_lut filter/codec, so zarr-python with the python/ package reads levels.</summary>
    public bool DecodeFilter { get; set; }

    /// <summary>Blosc clevel 1–9 (zstd level 2·clevel−1, as c-blosc maps it).</summary>
    public int CompressionLevel { get; set; } = 5;

    /// <summary>Chunks compressed at once; 0 = one per processor.</summary>
    public int Threads { get; set; }

    /// <summary>Float mode's stored type: Float32 (default) or Float64.</summary>
    public PixelType FloatType { get; set; } = PixelType.Float32;

    /// <summary>Replace an existing destination (at commit time, never half-way).</summary>
    public bool Overwrite { get; set; }

    /// <summary>Frame pairs sampled for photon-transfer estimation.</summary>
    public int EstimationPairs { get; set; } = 200;

    /// <summary>A copy to change for one part of a larger job (one channel of a group).</summary>
    internal ConversionOptions Copy() => (ConversionOptions)MemberwiseClone();

    internal int EffectiveThreads => Threads > 0 ? Threads : Math.Max(1, Environment.ProcessorCount);

    internal int EffectiveChunkFrames(int frameCount) => Math.Max(1, Math.Min(ChunkFrames ?? 100, Math.Max(1, frameCount)));

    /// <summary>Frames per inner chunk of a v3 shard of <paramref name="chunkFrames"/> frames.</summary>
    internal int EffectiveInnerChunkFrames(int chunkFrames)
    {
        int inner = InnerChunkFrames ?? (Profile == ArchiveProfile.Max ? chunkFrames : 1);
        if (chunkFrames % inner != 0)
            throw new ArgumentOutOfRangeException(nameof(InnerChunkFrames), inner, $"InnerChunkFrames ({inner}) must divide the frames per shard ({chunkFrames}; -ChunkFrames, at most the movie's length).");
        return inner;
    }

    /// <summary>Throws ArgumentOutOfRangeException for values outside their documented ranges.</summary>
    public void Validate()
    {
        if (!(Beta >= AnscombeParameters.MinBeta && Beta <= AnscombeParameters.MaxBeta))
            throw new ArgumentOutOfRangeException(nameof(Beta), Beta, $"Beta must be between {AnscombeParameters.MinBeta} and {AnscombeParameters.MaxBeta} (units of the stabilized noise σ).");
        if (Gain is double g && !(g >= AnscombeParameters.MinGain && g <= AnscombeParameters.MaxGain))
            throw new ArgumentOutOfRangeException(nameof(Gain), g, $"Gain must be between {AnscombeParameters.MinGain} and {AnscombeParameters.MaxGain} levels per photon.");
        if (ReadNoise is double r && (r < 0 || double.IsNaN(r) || double.IsInfinity(r)))
            throw new ArgumentOutOfRangeException(nameof(ReadNoise), r, "ReadNoise must be ≥ 0 levels.");
        if (ZeroLevel is double z && (double.IsNaN(z) || double.IsInfinity(z)))
            throw new ArgumentOutOfRangeException(nameof(ZeroLevel), z, "ZeroLevel must be a finite level.");
        if (ChunkFrames is int c && c < 1)
            throw new ArgumentOutOfRangeException(nameof(ChunkFrames), c, "ChunkFrames must be at least 1.");
        if (InnerChunkFrames is int ic && ic < 1)
            throw new ArgumentOutOfRangeException(nameof(InnerChunkFrames), ic, "InnerChunkFrames must be at least 1.");
        if (InnerChunkFrames is not null && Format != ArchiveFormat.ZarrV3)
            throw new ArgumentOutOfRangeException(nameof(InnerChunkFrames), InnerChunkFrames, "InnerChunkFrames applies to Zarr v3 (sharded) archives only.");
        if (PixelSize is double px && !(px > 0 && !double.IsInfinity(px)))
            throw new ArgumentOutOfRangeException(nameof(PixelSize), px, "PixelSize must be a positive number of micrometers.");
        if (FrameInterval is double fi && !(fi > 0 && !double.IsInfinity(fi)))
            throw new ArgumentOutOfRangeException(nameof(FrameInterval), fi, "FrameInterval must be a positive number of seconds.");
        if (CompressionLevel < 1 || CompressionLevel > 9)
            throw new ArgumentOutOfRangeException(nameof(CompressionLevel), CompressionLevel, "CompressionLevel must be 1–9.");
        if (Threads < 0)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be ≥ 0 (0 = one per processor).");
        if (Transform is not (StabilizingTransform.NoiseModel or StabilizingTransform.Anscombe))
            throw new ArgumentOutOfRangeException(nameof(Transform), Transform, "Transform must be NoiseModel or Anscombe.");
        if (Profile is not (ArchiveProfile.Default or ArchiveProfile.Max))
            throw new ArgumentOutOfRangeException(nameof(Profile), Profile, "Profile must be Default or Max.");
        if (Profile == ArchiveProfile.Max && Mode == CodecMode.Float)
            throw new ArgumentOutOfRangeException(nameof(Profile), Profile, "Profile Max predicts integers: it applies to Quantized and Lossless modes, not Float.");
        if (FloatType is not (PixelType.Float32 or PixelType.Float64))
            throw new ArgumentOutOfRangeException(nameof(FloatType), FloatType, "FloatType must be Float32 or Float64.");
    }
}
