using System;
using System.Collections.Generic;

namespace PhotonCodec.Core.Sources;

/// <summary>A writable copy of a source's provenance, to which a wrapping source adds its own keys.</summary>
internal static class MetadataCopy
{
    public static Dictionary<string, object?> Of(IReadOnlyDictionary<string, object?> metadata)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> kv in metadata) copy[kv.Key] = kv.Value;
        return copy;
    }
}
