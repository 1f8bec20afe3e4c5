using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Pipeline;

/// <summary>Turns the plain values of source metadata (strings, numbers, bools, dictionaries, lists) into JSON nodes for .zattrs.</summary>
internal static class JsonValues
{
    public static JsonNode? From(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int or long or short or byte or sbyte or ushort or uint => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u => JsonValue.Create(u),
        float or double or decimal => FromDouble(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        IReadOnlyDictionary<string, object?> d => FromPairs(d),
        IDictionary d => FromDictionary(d),
        IEnumerable e => FromList(e),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static JsonNode? FromDouble(double d) =>
        double.IsNaN(d) || double.IsInfinity(d) ? JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(d);

    private static JsonObject FromPairs(IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        var o = new JsonObject();
        foreach (var kv in pairs) o[kv.Key] = From(kv.Value);
        return o;
    }

    private static JsonObject FromDictionary(IDictionary d)
    {
        var o = new JsonObject();
        foreach (DictionaryEntry kv in d) o[Convert.ToString(kv.Key, CultureInfo.InvariantCulture)!] = From(kv.Value);
        return o;
    }

    private static JsonArray FromList(IEnumerable e)
    {
        var a = new JsonArray();
        foreach (object? item in e) a.Add(From(item));
        return a;
    }
}
