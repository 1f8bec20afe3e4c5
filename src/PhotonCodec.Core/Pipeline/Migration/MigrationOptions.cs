using System;
using System.Globalization;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>How one movie of a migration is to be stored: the conversion options a manifest line records.</summary>
public sealed class MigrationOptions
{
    public CodecMode Mode { get; set; } = CodecMode.Quantized;
    public ArchiveFormat Format { get; set; } = ArchiveFormat.ZarrV2;
    public ArchiveStructure Layout { get; set; } = ArchiveStructure.Array;
    public double Beta { get; set; } = AnscombeParameters.DefaultBeta;
    public StabilizingTransform Transform { get; set; } = StabilizingTransform.NoiseModel;
    public int? ChunkFrames { get; set; }
    public int? InnerChunkFrames { get; set; }
    public int CompressionLevel { get; set; } = 5;
    public PixelType FloatType { get; set; } = PixelType.Float32;
    public bool DecodeFilter { get; set; }

    /// <summary>Per-file photon parameters; null = estimated from the movie when it is converted (or at plan time for a split movie).</summary>
    public double? Gain { get; set; }
    public double? ZeroLevel { get; set; }
    public double? ReadNoise { get; set; }

    public bool UsesPhotonParameters => Mode != CodecMode.Lossless;

    public MigrationOptions Copy() => (MigrationOptions)MemberwiseClone();

    public ConversionOptions ToConversionOptions(int threads, bool overwrite) => new()
    {
        Mode = Mode, Format = Format, Layout = Layout, Beta = Beta, Transform = Transform, ChunkFrames = ChunkFrames,
        InnerChunkFrames = InnerChunkFrames, CompressionLevel = CompressionLevel, FloatType = FloatType,
        DecodeFilter = DecodeFilter && Mode == CodecMode.Quantized, Threads = threads, Overwrite = overwrite,
        Gain = UsesPhotonParameters ? Gain : null, ZeroLevel = UsesPhotonParameters ? ZeroLevel : null, ReadNoise = UsesPhotonParameters ? ReadNoise : null,
    };

    /// <summary>The manifest's "options" object; keys in a fixed order, photon keys only for the modes that use them.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["mode"] = Mode.ToString(),
            ["format"] = Format.ToString(),
            ["layout"] = Layout.ToString(),
            ["chunk_frames"] = ChunkFrames,
            ["inner_chunk_frames"] = InnerChunkFrames,
            ["compression_level"] = CompressionLevel,
        };
        if (Mode == CodecMode.Quantized)
        {
            o["beta"] = Beta;
            o["transform"] = Transform.ToString();
            o["decode_filter"] = DecodeFilter;
        }
        if (Mode == CodecMode.Float) o["float_type"] = FloatType.ToString();
        if (UsesPhotonParameters)
        {
            o["gain"] = Gain;
            o["zero_level"] = ZeroLevel;
            o["read_noise"] = ReadNoise;
        }
        return o;
    }

    public static MigrationOptions FromJson(JsonObject o) => new()
    {
        Mode = Enum<CodecMode>(o, "mode", CodecMode.Quantized),
        Format = Enum<ArchiveFormat>(o, "format", ArchiveFormat.ZarrV2),
        Layout = Enum<ArchiveStructure>(o, "layout", ArchiveStructure.Array),
        ChunkFrames = (int?)o["chunk_frames"],
        InnerChunkFrames = (int?)o["inner_chunk_frames"],
        CompressionLevel = (int?)o["compression_level"] ?? 5,
        Beta = (double?)o["beta"] ?? AnscombeParameters.DefaultBeta,
        Transform = Enum<StabilizingTransform>(o, "transform", StabilizingTransform.NoiseModel),
        DecodeFilter = (bool?)o["decode_filter"] ?? false,
        FloatType = Enum<PixelType>(o, "float_type", PixelType.Float32),
        Gain = (double?)o["gain"],
        ZeroLevel = (double?)o["zero_level"],
        ReadNoise = (double?)o["read_noise"],
    };

    private static T Enum<T>(JsonObject o, string key, T fallback) where T : struct =>
        o[key] is JsonNode n ? (System.Enum.TryParse(n.GetValue<string>(), true, out T v) ? v
            : throw new FormatException(string.Format(CultureInfo.InvariantCulture, "Manifest option {0} = '{1}' is not one of {2}.", key, n, string.Join(", ", System.Enum.GetNames(typeof(T))))))
        : fallback;
}
