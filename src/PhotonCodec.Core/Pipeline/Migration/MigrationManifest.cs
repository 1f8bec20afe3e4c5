using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Stores;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>A migration manifest: JSON lines, one <see cref="MigrationEntry"/> per source movie, in the plan's order.</summary>
public static class MigrationManifest
{
    /// <exception cref="MigrationManifestException">a line is not a manifest entry (naming the line)</exception>
    public static List<MigrationEntry> Read(string path)
    {
        var entries = new List<MigrationEntry>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0) continue;
            try
            {
                entries.Add(MigrationEntry.FromJson(JsonNode.Parse(line) as JsonObject ?? throw new FormatException("it is not a JSON object.")));
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NullReferenceException)
            {
                throw new MigrationManifestException($"Line {number} of the migration manifest '{path}' is not a manifest entry: {ex.Message}", ex);
            }
        }
        return entries;
    }

    /// <summary>Writes the manifest whole (a temporary file renamed over it), so a reader never sees half a manifest.</summary>
    public static void Write(string path, IEnumerable<MigrationEntry> entries)
    {
        var text = new StringBuilder();
        foreach (MigrationEntry e in entries) text.Append(e.ToJson().ToJsonString()).Append('\n');
        AtomicFile.Write(Path.GetFullPath(path), new UTF8Encoding(false).GetBytes(text.ToString()));
    }

    /// <summary>The default folder of the per-task reports: &lt;manifest&gt;.reports beside the manifest.</summary>
    public static string ReportFolder(string manifestPath) => Path.GetFullPath(manifestPath) + ".reports";
}
