using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Codecs;

/// <summary>Codec names (v3 <c>name</c>, v2 numcodecs <c>id</c>) → codecs built from their configuration.</summary>
public static class CodecRegistry
{
    private static readonly Dictionary<string, Func<JsonObject?, ZarrCodec>> V3 = new(StringComparer.Ordinal)
    {
        [TransposeCodec.CodecName] = TransposeCodec.FromConfiguration,
        [BytesCodec.CodecName] = BytesCodec.FromConfiguration,
        [ShardingCodec.CodecName] = ShardingCodec.FromConfiguration,
        [BloscChunkCodec.CodecName] = BloscChunkCodec.FromConfiguration,
        [Crc32cCodec.CodecName] = _ => new Crc32cCodec(),
        [GzipCodec.CodecName] = c => GzipCodec.FromConfiguration(c),
        [ZstdChunkCodec.CodecName] = ZstdChunkCodec.FromConfiguration,
        [DecodeLutCodec.CodecName] = DecodeLutCodec.FromConfiguration,
        [TemporalPredictionCodec.CodecName] = TemporalPredictionCodec.FromConfiguration,
    };

    // v2 filters (numcodecs configurations: the id beside the codec's own keys) that are array→array codecs here.
    private static readonly Dictionary<string, Func<JsonObject, ArrayToArrayCodec>> NumcodecsFilters = new(StringComparer.Ordinal)
    {
        [TemporalPredictionCodec.CodecName] = TemporalPredictionCodec.FromConfiguration,
    };

    private static readonly Dictionary<string, Func<JsonObject, BytesToBytesCodec>> Numcodecs = new(StringComparer.Ordinal)
    {
        ["blosc"] = BloscChunkCodec.FromNumcodecs,
        ["zlib"] = c => GzipCodec.FromConfiguration(c, zlib: true),
        ["gzip"] = c => GzipCodec.FromConfiguration(c),
        ["zstd"] = ZstdChunkCodec.FromConfiguration,
    };

    public static IEnumerable<string> Names => V3.Keys;

    /// <summary>One entry of a v3 <c>codecs</c> array: <c>{"name": ..., "configuration": {...}}</c> (or just the name as a string).</summary>
    public static ZarrCodec Create(JsonNode? codec)
    {
        string? name;
        JsonObject? configuration = null;
        if (codec is JsonValue v && v.TryGetValue(out string? text)) name = text;
        else if (codec is JsonObject o)
        {
            name = o["name"] is JsonValue n && n.TryGetValue(out string? s) ? s : null;
            configuration = o["configuration"] as JsonObject;
        }
        else throw new CodecConfigurationException($"Codec {codec?.ToJsonString() ?? "null"} is neither a name nor an object with a name.");
        if (name is null) throw new CodecConfigurationException($"Codec {codec.ToJsonString()} has no name.");
        if (!V3.TryGetValue(name, out var factory))
            throw new CodecConfigurationException($"codec '{name}' is not supported; PhotonCodec reads {string.Join(", ", V3.Keys)}.");
        return Build(factory, configuration, $"codec '{name}'");
    }

    /// <summary>A v2 <c>compressor</c> (numcodecs configuration with an <c>id</c>).</summary>
    public static BytesToBytesCodec FromNumcodecs(JsonObject compressor)
    {
        string id = compressor["id"] is JsonValue v && v.TryGetValue(out string? s) ? s! : "?";
        if (!Numcodecs.TryGetValue(id, out var factory))
            throw new CodecConfigurationException($"compressor '{id}' is not supported; PhotonCodec reads {string.Join(", ", Numcodecs.Keys)} or uncompressed arrays.");
        return Build(factory, compressor, $"compressor '{id}'");
    }

    /// <summary>A v2 <c>filters</c> entry (numcodecs configuration with an <c>id</c>).</summary>
    public static ArrayToArrayCodec FilterFromNumcodecs(JsonNode? filter)
    {
        string id = filter?["id"] is JsonValue v && v.TryGetValue(out string? s) ? s! : "?";
        if (filter is not JsonObject o || !NumcodecsFilters.TryGetValue(id, out var factory))
            throw new CodecConfigurationException($"filters {id} are not supported; PhotonCodec reads the filters {string.Join(", ", NumcodecsFilters.Keys)} (and photoncodec.decode_lut first).");
        return Build(factory, o, $"filter '{id}'");
    }

    /// <summary>A codec as a v2 <c>filters</c> entry: its configuration's keys beside <c>id</c>.</summary>
    public static JsonObject ToNumcodecs(ZarrCodec codec)
    {
        var o = new JsonObject { ["id"] = codec.Name };
        if (codec.Configuration() is { } c)
            foreach (var kv in c) o[kv.Key] = kv.Value?.DeepClone();
        return o;
    }

    // A configuration with a value of the wrong JSON kind surfaces as InvalidOperationException/FormatException.
    private static T Build<T>(Func<JsonObject, T> factory, JsonObject? configuration, string what)
    {
        try
        {
            return factory(configuration!);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new CodecConfigurationException($"{what} has a malformed configuration {configuration?.ToJsonString()} ({ex.Message}).");
        }
    }
}
