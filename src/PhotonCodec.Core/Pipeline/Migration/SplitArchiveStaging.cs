using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>
/// The shared staging of a movie split across tasks, beside its destination at a path every task derives alike:
/// <c>.&lt;name&gt;.migrating-&lt;entry id&gt;/</c> holding <c>array/</c> (the archive being filled, nothing else),
/// <c>parts/&lt;n&gt;.done</c> (written, renamed into place, once part n's chunks are all in <c>array/</c>) and
/// <c>tmp/</c> (files on their way in). A part killed mid-way has no marker and is redone by a later task; its
/// chunks are rewritten whole, so a half-done part never leaves a mixed chunk.
/// </summary>
public sealed class SplitArchiveStaging
{
    public SplitArchiveStaging(MigrationEntry entry)
    {
        Entry = entry;
        string destination = Path.GetFullPath(entry.Destination).TrimEnd(Path.DirectorySeparatorChar);
        Root = Path.Combine(Path.GetDirectoryName(destination) ?? ".", "." + Path.GetFileName(destination) + ".migrating-" + entry.Id);
    }

    public MigrationEntry Entry { get; }
    public string Root { get; }
    public string ArrayFolder => Path.Combine(Root, "array");
    public string TmpFolder => Path.Combine(Root, "tmp");
    private string PartsFolder => Path.Combine(Root, "parts");

    private string Marker(int part) => Path.Combine(PartsFolder, part.ToString(CultureInfo.InvariantCulture) + ".done");

    public bool IsPartDone(int part) => File.Exists(Marker(part));

    public int PartsDone
    {
        get
        {
            int n = 0;
            for (int p = 0; p < Entry.Parts.Count; p++) if (IsPartDone(p)) n++;
            return n;
        }
    }

    public bool AllPartsDone => PartsDone == Entry.Parts.Count;

    public void MarkPartDone(int part, ChunkRangeSummary summary)
    {
        Directory.CreateDirectory(PartsFolder);
        Directory.CreateDirectory(TmpFolder);
        string tmp = Path.Combine(TmpFolder, "part-" + part.ToString(CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N").Substring(0, 8));
        File.WriteAllText(tmp, string.Format(CultureInfo.InvariantCulture,
            "{{\"first_chunk\":{0},\"chunks\":{1},\"stored_bytes\":{2},\"host\":\"{3}\",\"pid\":{4}}}\n",
            summary.FirstChunk, summary.ChunkCount, summary.StoredBytes, Environment.MachineName, System.Diagnostics.Process.GetCurrentProcess().Id), new UTF8Encoding(false));
#if NET8_0_OR_GREATER
        File.Move(tmp, Marker(part), overwrite: true);
#else
        if (File.Exists(Marker(part))) File.Delete(Marker(part));
        File.Move(tmp, Marker(part));
#endif
    }

    /// <summary>Removes the staging folder (after the commit, or when the destination is already complete); quietly, another task may do the same.</summary>
    public void Remove()
    {
        try { if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
