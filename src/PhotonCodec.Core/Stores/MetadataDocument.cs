using System;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Stores;

/// <summary>Parses a metadata document (.zarray, .zattrs, zarr.json) that must be a JSON object.</summary>
internal static class MetadataDocument
{
    /// <exception cref="ZarrFormatException">not JSON, or not an object; the message names <paramref name="where"/> and <paramref name="document"/></exception>
    public static JsonObject Parse(string json, string where, string document)
    {
        try
        {
            JsonObject o = JsonNode.Parse(json) as JsonObject ?? throw new ZarrFormatException($"{where}: {document} is not a JSON object.");
            BuildKeyTables(o); // a key given twice, at any depth, throws here, not in a later reader
            return o;
        }
        catch (ArgumentException ex)
        {
            throw new ZarrFormatException($"{where}: {document} is malformed ({ex.Message}).", ex);
        }
        catch (JsonException ex)
        {
            throw new ZarrFormatException($"{where}: {document} is not valid JSON ({ex.Message}).", ex);
        }
    }

    /// <summary>Touches every object's key table (JsonObject builds it lazily and throws ArgumentException on a duplicate key).</summary>
    private static void BuildKeyTables(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var member in o) BuildKeyTables(member.Value);
                break;
            case JsonArray a:
                foreach (JsonNode? item in a) BuildKeyTables(item);
                break;
        }
    }
}
