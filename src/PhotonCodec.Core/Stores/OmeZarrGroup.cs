using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// An OME-Zarr image group holding one movie as the array at <see cref="DatasetPath"/>: NGFF 0.4 over Zarr v2
/// (https://ngff.openmicroscopy.org/0.4/#multiscale-md: <c>.zgroup</c> + <c>multiscales</c> in <c>.zattrs</c>) or
/// NGFF 0.5 over Zarr v3 (https://ngff.openmicroscopy.org/0.5/: a group <c>zarr.json</c> with <c>attributes.ome</c>).
/// Axes t (time, second), y and x (space, micrometer); one dataset with a scale transformation.
/// </summary>
public static class OmeZarrGroup
{
    public const string DatasetPath = "0";

    /// <summary>The multiscales entry; <paramref name="scale"/> is (frame interval s, pixel size µm, pixel size µm), units omitted when unknown.</summary>
    public static JsonObject Multiscale(string name, double[] scale, bool timeKnown, bool spaceKnown, string? version)
    {
        JsonObject Axis(string axis, string type, string? unit)
        {
            var o = new JsonObject { ["name"] = axis, ["type"] = type };
            if (unit is not null) o["unit"] = unit;
            return o;
        }
        var m = new JsonObject();
        if (version is not null) m["version"] = version;
        m["name"] = name;
        m["axes"] = new JsonArray(Axis("t", "time", timeKnown ? "second" : null), Axis("y", "space", spaceKnown ? "micrometer" : null), Axis("x", "space", spaceKnown ? "micrometer" : null));
        m["datasets"] = new JsonArray(new JsonObject
        {
            ["path"] = DatasetPath,
            ["coordinateTransformations"] = new JsonArray(new JsonObject { ["type"] = "scale", ["scale"] = new JsonArray(scale.Select(s => (JsonNode)s).ToArray()) }),
        });
        return m;
    }

    /// <summary>The group's metadata documents (key → JSON) for Zarr format 2 (NGFF 0.4) or 3 (NGFF 0.5).</summary>
    public static (string Key, string Json)[] Documents(int zarrFormat, string name, double[] scale, bool timeKnown, bool spaceKnown)
    {
        var options = new System.Text.Json.JsonSerializerOptions { WriteIndented = true };
        if (zarrFormat == 2)
        {
            var attrs = new JsonObject { ["multiscales"] = new JsonArray(Multiscale(name, scale, timeKnown, spaceKnown, "0.4")) };
            return new[] { (".zgroup", new JsonObject { ["zarr_format"] = 2 }.ToJsonString(options)), (".zattrs", attrs.ToJsonString(options)) };
        }
        var group = new JsonObject
        {
            ["zarr_format"] = 3,
            ["node_type"] = "group",
            ["attributes"] = new JsonObject
            {
                ["ome"] = new JsonObject { ["version"] = "0.5", ["multiscales"] = new JsonArray(Multiscale(name, scale, timeKnown, spaceKnown, null)) },
            },
        };
        return new[] { (ZarrV3Metadata.Key, group.ToJsonString(options)) };
    }

    /// <summary>The folder of the first dataset when <paramref name="path"/> is an OME-Zarr image group, else null.</summary>
    /// <exception cref="ZarrFormatException">the group's metadata is malformed (a member of the wrong JSON kind, say).</exception>
    public static string? ResolveArray(string path)
    {
        var store = new FileSystemStore(path);
        try
        {
            return ResolveArray(store);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new ZarrFormatException($"'{store.Root}': the OME-Zarr group metadata is malformed ({ex.Message}).", ex);
        }
    }

    private static string? ResolveArray(FileSystemStore store)
    {
        JsonNode? multiscales = null;
        if (store.Exists(ZarrV3Metadata.Key))
        {
            JsonObject o = MetadataDocument.Parse(store.GetText(ZarrV3Metadata.Key), $"'{store.Root}'", ZarrV3Metadata.Key);
            if (o["node_type"]?.GetValue<string>() != "group") return null;
            multiscales = o["attributes"]?["ome"]?["multiscales"];
        }
        else if (store.Exists(".zgroup") && store.Exists(".zattrs"))
        {
            multiscales = MetadataDocument.Parse(store.GetText(".zattrs"), $"'{store.Root}'", ".zattrs")["multiscales"];
        }
        if (multiscales is not JsonArray { Count: > 0 } all) return null;
        string dataset = all[0]?["datasets"]?[0]?["path"]?.GetValue<string>()
            ?? throw new ZarrFormatException($"'{store.Root}': OME-Zarr multiscales has no datasets[0].path.");
        if (dataset.Split('/').Any(p => p is "" or "." or ".."))
            throw new ZarrFormatException($"'{store.Root}': OME-Zarr dataset path '{dataset}' is not a relative path inside the group.");
        return Path.Combine(store.Root, dataset.Replace('/', Path.DirectorySeparatorChar));
    }
}
