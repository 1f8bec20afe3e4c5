using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// The file that makes a <c>.partial-*</c> staging folder ours and holds the lock on its destination: who writes it
/// (host, process id, process start time, tool version), where to, and when it began. A staging folder whose marker
/// names a process that is gone from this host is stale and may be removed; one of a live process, or of another
/// host (whose processes we cannot see), is left alone.
/// </summary>
public sealed class StagingMarker
{
    /// <summary>The marker's file name inside a staging folder.</summary>
    public const string FileName = ".photoncodec-staging.json";
    private const string TemporarySuffix = ".tmp";

    private static readonly Lazy<DateTime> CurrentProcessStart = new(() =>
    {
        using Process self = Process.GetCurrentProcess();
        return self.StartTime.ToUniversalTime();
    });

    public string Host { get; private set; } = "";
    public int ProcessId { get; private set; }
    public DateTime ProcessStart { get; private set; }
    public DateTime Created { get; private set; }
    public string ToolVersion { get; private set; } = "";
    public string Destination { get; private set; } = "";

    /// <summary>The staging folder the marker was written into (an archive moved into place keeps it until its commit ends).</summary>
    public string Staging { get; private set; } = "";

    public bool OnThisHost => string.Equals(Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    internal static StagingMarker ForThisProcess(string destination, string staging)
    {
        return new StagingMarker
        {
            Host = Environment.MachineName,
            ProcessId = CurrentProcessId,
            ProcessStart = CurrentProcessStart.Value,
            Created = DateTime.UtcNow,
            ToolVersion = typeof(StagingMarker).Assembly.GetName().Version?.ToString() ?? "",
            Destination = destination,
            Staging = staging,
        };
    }

    /// <summary>True while the writing process runs on this host (same id and start time, so a reused id does not count).</summary>
    public bool ProcessIsAlive() => OnThisHost && (Runs(ProcessId, ProcessStart) ?? true);   // cannot tell: assume it runs

    /// <summary>
    /// Whether process <paramref name="pid"/> runs on this host; with <paramref name="start"/>, only one started then counts
    /// (a reused id does not). Null when the OS cannot tell.
    /// </summary>
    private static bool? Runs(int pid, DateTime? start)
    {
        try
        {
            using Process p = Process.GetProcessById(pid);
            if (p.HasExited) return false;
            return start is not DateTime s || Math.Abs((p.StartTime.ToUniversalTime() - s).TotalSeconds) < 2;
        }
        catch (ArgumentException) { return false; } // no such process
        catch (InvalidOperationException) { return false; } // it exited meanwhile
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or NotSupportedException) { return null; }
    }

    /// <summary>Which of two live writers of one destination came first (and keeps it): earlier creation, then folder name.</summary>
    internal bool PrecedesOrEquals(StagingMarker other) =>
        Created != other.Created ? Created < other.Created : string.CompareOrdinal(Staging, other.Staging) <= 0;

    /// <summary>Writes the marker into <paramref name="folder"/> atomically: a temporary file renamed into place.</summary>
    internal void WriteTo(string folder)
    {
        var json = new JsonObject
        {
            ["tool"] = "PhotonCodec",
            ["tool_version"] = ToolVersion,
            ["host"] = Host,
            ["pid"] = ProcessId,
            ["process_start"] = ProcessStart.ToString("o", CultureInfo.InvariantCulture),
            ["created"] = Created.ToString("o", CultureInfo.InvariantCulture),
            ["destination"] = Destination,
            ["staging"] = Staging,
        };
        string file = Path.Combine(folder, FileName);
        File.WriteAllText(file + TemporarySuffix, json.ToJsonString(), new UTF8Encoding(false));
        File.Move(file + TemporarySuffix, file);
    }

    /// <summary>The marker of <paramref name="folder"/>, or null when it has none or it is not ours.</summary>
    public static StagingMarker? TryRead(string folder)
    {
        string file = Path.Combine(folder, FileName);
        if (!File.Exists(file)) return null;
        try
        {
            if (JsonNode.Parse(File.ReadAllText(file)) is not JsonObject o || (string?)o["tool"] != "PhotonCodec") return null;
            return new StagingMarker
            {
                Host = (string?)o["host"] ?? "",
                ProcessId = (int?)o["pid"] ?? 0,
                ProcessStart = DateTime.Parse((string?)o["process_start"] ?? "", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Created = DateTime.Parse((string?)o["created"] ?? "", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                ToolVersion = (string?)o["tool_version"] ?? "",
                Destination = (string?)o["destination"] ?? "",
                Staging = (string?)o["staging"] ?? "",
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// True for a folder without its marker yet: empty, or holding only the marker's temporary file. Young, it is a
    /// writer between creating the folder and its marker; old (a minute), or named by a process of this host that is gone
    /// (the folder's name starts with its creator's process id), one that a kill stopped there, and nothing of anyone's
    /// can be lost by removing it.
    /// </summary>
    internal static bool IsUnmarkedNewborn(string folder, out bool old)
    {
        string[] entries = Directory.GetFileSystemEntries(folder);
        bool newborn = entries.Length == 0 || (entries.Length == 1 && Path.GetFileName(entries[0]) == FileName + TemporarySuffix);
        old = newborn && (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > TimeSpan.FromMinutes(1) || CreatorIsGone(folder));
        return newborn;
    }

    internal static int CurrentProcessId
    {
        get
        {
            using Process self = Process.GetCurrentProcess();
            return self.Id;
        }
    }

    /// <summary>The process id a staging folder's name starts with (<c>.name.zarr.partial-&lt;pid hex&gt;-&lt;random&gt;</c>) runs no more.</summary>
    private static bool CreatorIsGone(string folder)
    {
        string name = Path.GetFileName(folder);
        int at = name.LastIndexOf(".partial-", StringComparison.Ordinal);
        if (at < 0) return false;
        string id = name.Substring(at + ".partial-".Length);
        int dash = id.IndexOf('-');
        return dash > 0 && int.TryParse(id.Substring(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int pid)
            && Runs(pid, null) == false;
    }

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "process {0} on {1} (started {2:u}, PhotonCodec {3}, since {4:u})", ProcessId, Host, ProcessStart, ToolVersion, Created);
}
