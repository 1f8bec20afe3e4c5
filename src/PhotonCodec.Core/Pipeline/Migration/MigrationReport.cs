using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>
/// A task's report: JSON lines appended one record at a time and flushed to disk before the next unit starts, so a
/// task killed at any moment loses at most the line of the unit it was doing (a half-written last line is skipped on read).
/// </summary>
public static class MigrationReport
{
    public static string TaskReportPath(string folder, int taskIndex) =>
        Path.Combine(folder, "task-" + taskIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".jsonl");

    /// <summary>The report of Complete-PhotonMigration, which is no task of the array.</summary>
    public static string CompleteReportPath(string folder) => Path.Combine(folder, "complete.jsonl");

    public static void Append(string path, MigrationRecord record)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        byte[] line = new UTF8Encoding(false).GetBytes(record.ToJson().ToJsonString() + "\n");
        using var fs = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        fs.Write(line, 0, line.Length);
        fs.Flush(flushToDisk: true);
    }

    /// <summary>Every record of every report in <paramref name="folder"/> (none when it does not exist), oldest first.</summary>
    public static List<MigrationRecord> ReadAll(string folder)
    {
        var records = new List<MigrationRecord>();
        if (!Directory.Exists(folder)) return records;
        foreach (string file in Directory.EnumerateFiles(folder, "*.jsonl"))
            foreach (string line in File.ReadLines(file))
            {
                if (line.Trim().Length == 0) continue;
                try { if (JsonNode.Parse(line) is JsonObject o) records.Add(MigrationRecord.FromJson(o)); }
                catch (System.Text.Json.JsonException) { }   // the last line of a killed task
            }
        records.Sort((a, b) => a.Time.CompareTo(b.Time));
        return records;
    }
}
