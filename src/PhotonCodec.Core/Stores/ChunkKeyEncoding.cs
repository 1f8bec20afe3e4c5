using System;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// How a chunk's grid index becomes a store key: v3 <c>default</c> ("c/0/0/0", separator "/" or ".") or <c>v2</c>
/// ("0.0.0" or "0/0/0"; "0" for a 0-d array) (https://zarr-specs.readthedocs.io/en/latest/v3/core/v3.0.html#chunk-key-encoding).
/// </summary>
public sealed record ChunkKeyEncoding(string Name, char Separator)
{
    public const string DefaultName = "default";
    public const string V2Name = "v2";

    public static ChunkKeyEncoding Default { get; } = new(DefaultName, '/');

    public static ChunkKeyEncoding V2(char separator) => new(V2Name, separator);

    public string Key(long[] chunkIndex)
    {
        string joined = string.Join(Separator.ToString(), chunkIndex);
        if (Name == V2Name) return chunkIndex.Length == 0 ? "0" : joined;
        return chunkIndex.Length == 0 ? "c" : "c" + Separator + joined;
    }

    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["configuration"] = new JsonObject { ["separator"] = Separator.ToString() },
    };

    public static ChunkKeyEncoding FromJson(JsonNode? node, string where)
    {
        if (node is not JsonObject o) throw new ZarrFormatException($"{where}: chunk_key_encoding {node?.ToJsonString() ?? "(missing)"} is not an object.");
        string name = o["name"]?.GetValue<string>() ?? "?";
        if (name is not (DefaultName or V2Name)) throw new ZarrFormatException($"{where}: chunk_key_encoding '{name}' is not supported (default or v2).");
        string sep = o["configuration"]?["separator"]?.GetValue<string>() ?? (name == DefaultName ? "/" : ".");
        if (sep is not ("/" or ".")) throw new ZarrFormatException($"{where}: chunk key separator '{sep}' is not \"/\" or \".\".");
        return new ChunkKeyEncoding(name, sep[0]);
    }
}
