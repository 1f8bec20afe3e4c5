using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// The ImageDescription an exported TIFF carries: the source's, as <c>.zattrs</c> recorded it (TiffFrameSource records
/// the first page's, so it goes on the first page, where ImageJ and tifffile read it), with an ImageJ header's counts
/// made to match the pages written.
/// </summary>
/// <remarks>ImageJ's header keys: https://imagej.net/ij/developer/source/ij/io/FileSaver.java.html (getDescriptionString).</remarks>
internal static class TiffExportDescription
{
    private const string ImageJFirstLine = "ImageJ=1.11a";
    private static readonly string[] CountKeys = { "images", "channels", "slices", "frames", "hyperstack", "mode" };

    /// <summary>The ImageDescription recorded under .zattrs source.image_description, if any.</summary>
    public static string? Recorded(PhotonArchive archive) =>
        archive.Store.Attributes["source"] is JsonObject source && source["image_description"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>What to write on the first page of a single-channel export of <paramref name="frames"/> pages.</summary>
    public static string? ForStack(string? recorded, int frames)
    {
        if (recorded is null) return null;
        if (!IsImageJ(recorded)) return TifffileShaped(recorded, frames) ?? recorded;
        Dictionary<string, string> keys = Parse(recorded);
        bool matches = Count(keys, "images") == frames && (Count(keys, "channels") ?? 1) == 1;
        return matches ? recorded : ImageJ(recorded, 1, frames);
    }

    /// <summary>
    /// An ImageJ hyperstack header for <paramref name="channels"/> × <paramref name="frames"/> pages (channel fastest, as
    /// ImageJ orders CZT), keeping the other keys (spacing, unit, finterval …) of a recorded ImageJ header.
    /// </summary>
    public static string ImageJ(string? recorded, int channels, int frames)
    {
        var lines = new List<string> { ImageJFirstLine, Line("images", channels * frames) };
        if (channels > 1) lines.Add(Line("channels", channels));
        bool slicesOnly = false;
        List<string> kept = new();
        if (recorded is not null && IsImageJ(recorded))
        {
            Dictionary<string, string> keys = Parse(recorded);
            slicesOnly = keys.ContainsKey("slices") && !keys.ContainsKey("frames");
            kept = recorded.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0
                && !l.StartsWith("ImageJ=", StringComparison.Ordinal)
                && !CountKeys.Contains(Key(l), StringComparer.Ordinal)).ToList();
        }
        lines.Add(Line(slicesOnly ? "slices" : "frames", frames));
        if (channels > 1)
        {
            lines.Add("hyperstack=true");
            lines.Add("mode=grayscale");
        }
        lines.AddRange(kept);
        var sb = new StringBuilder();
        foreach (string l in lines) sb.Append(l).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// tifffile's "shaped" description (JSON such as {"shape": [16, 12]}) rewritten to the pages written,
    /// [frames, height, width]: tifffile refuses a file whose shape disagrees with its pages. Null when it is none.
    /// </summary>
    private static string? TifffileShaped(string description, int frames)
    {
        if (!description.TrimStart().StartsWith("{", StringComparison.Ordinal)) return null;
        JsonObject? o;
        try { o = JsonNode.Parse(description) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
        if (o?["shape"] is not JsonArray shape || shape.Count < 2) return null;
        JsonNode? height = shape[shape.Count - 2]?.DeepClone(), width = shape[shape.Count - 1]?.DeepClone();
        o["shape"] = new JsonArray(JsonValue.Create(frames), height, width);
        return o.ToJsonString();
    }

    private static bool IsImageJ(string description) => description.StartsWith("ImageJ=", StringComparison.Ordinal);

    private static string Line(string key, int value) => key + "=" + value.ToString(CultureInfo.InvariantCulture);

    private static string Key(string line)
    {
        int eq = line.IndexOf('=');
        return eq < 0 ? line : line.Substring(0, eq).Trim();
    }

    private static Dictionary<string, string> Parse(string description)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string raw in description.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            int eq = line.IndexOf('=');
            if (eq > 0) d[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
        }
        return d;
    }

    private static int? Count(Dictionary<string, string> keys, string key) =>
        keys.TryGetValue(key, out string? v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : null;
}
