using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>One line of a migration manifest: a source movie, where its archive goes, how, and (for a large movie) its parts.</summary>
public sealed class MigrationEntry
{
    /// <summary>Absolute path of the source movie.</summary>
    public string Source { get; init; } = "";

    /// <summary>The source's path relative to the plan's source root ('/' separated), mirrored under the destination root.</summary>
    public string RelativePath { get; init; } = "";

    /// <summary>Source file size in bytes when planned.</summary>
    public long Size { get; init; }

    /// <summary>Absolute path of the archive (.zarr).</summary>
    public string Destination { get; init; } = "";

    public MigrationOptions Options { get; init; } = new();

    /// <summary>Where Gain/ZeroLevel/ReadNoise come from: "given", "estimated at plan time" (a split movie), or "" (estimated when converted, or Lossless).</summary>
    public string ParameterSource { get; init; } = "";

    /// <summary>Frames, frames per chunk and chunks of a split movie (null when the movie is converted whole).</summary>
    public int? Frames { get; init; }
    public int? ChunkFrames { get; init; }
    public long? Chunks { get; init; }

    /// <summary>The chunk ranges of a movie split across tasks; empty = converted whole by one task.</summary>
    public IReadOnlyList<ChunkRange> Parts { get; init; } = Array.Empty<ChunkRange>();

    public bool IsSplit => Parts.Count > 0;

    /// <summary>Short digest of what decides the archive's bytes (source, size, options, parts): names the shared staging folder of a split movie.</summary>
    public string Id
    {
        get
        {
            var identity = new JsonObject { ["source"] = Source, ["size"] = Size, ["options"] = Options.ToJson(), ["parts"] = PartsJson() };
            using var sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(identity.ToJsonString()));
            return string.Concat(hash.Take(6).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Bytes of the source that part <paramref name="part"/> reads (the whole size when not split): what tasks are balanced by.</summary>
    public long PartBytes(int part)
    {
        if (!IsSplit || Chunks is not long chunks || chunks == 0) return Size;
        return (long)Math.Ceiling((double)Size * Parts[part].Count / chunks);
    }

    private JsonArray PartsJson() => new(Parts.Select(p => (JsonNode)new JsonArray(p.First, p.Count)).ToArray());

    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["source"] = Source,
            ["relative_path"] = RelativePath,
            ["size"] = Size,
            ["destination"] = Destination,
            ["options"] = Options.ToJson(),
            ["parameter_source"] = ParameterSource,
        };
        if (IsSplit)
        {
            o["frames"] = Frames;
            o["chunk_frames"] = ChunkFrames;
            o["chunks"] = Chunks;
            o["parts"] = PartsJson();
        }
        return o;
    }

    public static MigrationEntry FromJson(JsonObject o)
    {
        var parts = new List<ChunkRange>();
        if (o["parts"] is JsonArray a)
            foreach (JsonNode? p in a)
                parts.Add(new ChunkRange((long)p![0]!, (long)p[1]!));
        return new MigrationEntry
        {
            Source = (string?)o["source"] ?? throw new FormatException("A manifest line has no \"source\"."),
            RelativePath = (string?)o["relative_path"] ?? "",
            Size = (long?)o["size"] ?? 0,
            Destination = (string?)o["destination"] ?? throw new FormatException($"The manifest line of '{o["source"]}' has no \"destination\"."),
            Options = o["options"] is JsonObject opts ? MigrationOptions.FromJson(opts) : new MigrationOptions(),
            ParameterSource = (string?)o["parameter_source"] ?? "",
            Frames = (int?)o["frames"],
            ChunkFrames = (int?)o["chunk_frames"],
            Chunks = (long?)o["chunks"],
            Parts = parts,
        };
    }
}
