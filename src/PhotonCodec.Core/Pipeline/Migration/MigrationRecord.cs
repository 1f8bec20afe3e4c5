using System;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>What happened to one unit of a migration task: one line of the task's report.</summary>
public sealed class MigrationRecord
{
    public DateTime Time { get; init; } = DateTime.UtcNow;
    public int Task { get; init; }
    public string Source { get; init; } = "";
    public string Destination { get; init; } = "";

    /// <summary>The part of a split movie (-1 = the whole movie).</summary>
    public int Part { get; init; } = -1;

    /// <summary>Converted, Skipped, PartWritten, PartSkipped, Committed, Waiting (parts still missing) or Failed.</summary>
    public string Status { get; init; } = "";
    public long SourceBytes { get; init; }
    public long StoredBytes { get; init; }
    public double Ratio => StoredBytes > 0 ? (double)SourceBytes / StoredBytes : 0;
    public double Seconds { get; init; }
    public string? ErrorId { get; init; }
    public string? Message { get; init; }

    public JsonObject ToJson() => new()
    {
        ["time"] = Time.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
        ["task"] = Task,
        ["source"] = Source,
        ["destination"] = Destination,
        ["part"] = Part,
        ["status"] = Status,
        ["source_bytes"] = SourceBytes,
        ["stored_bytes"] = StoredBytes,
        ["ratio"] = Math.Round(Ratio, 4),
        ["seconds"] = Math.Round(Seconds, 3),
        ["error_id"] = ErrorId,
        ["message"] = Message,
    };

    public static MigrationRecord FromJson(JsonObject o) => new()
    {
        Time = DateTime.Parse((string?)o["time"] ?? "2000-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind),
        Task = (int?)o["task"] ?? 0,
        Source = (string?)o["source"] ?? "",
        Destination = (string?)o["destination"] ?? "",
        Part = (int?)o["part"] ?? -1,
        Status = (string?)o["status"] ?? "",
        SourceBytes = (long?)o["source_bytes"] ?? 0,
        StoredBytes = (long?)o["stored_bytes"] ?? 0,
        Seconds = (double?)o["seconds"] ?? 0,
        ErrorId = (string?)o["error_id"],
        Message = (string?)o["message"],
    };
}
