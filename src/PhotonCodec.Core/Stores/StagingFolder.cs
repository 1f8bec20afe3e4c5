using System;
using System.Globalization;
using System.Collections.Generic;
using System.IO;

namespace PhotonCodec.Core.Stores;

/// <summary>What a <c>.partial-*</c> folder beside a destination is, for <see cref="StagingFolder.Clean"/>.</summary>
public enum StagingState
{
    /// <summary>Ours, and its process is gone from this host: removed by the next run to the destination.</summary>
    Stale,
    /// <summary>Ours, and its process still runs on this host: it holds the lock on the destination.</summary>
    Live,
    /// <summary>Ours, written from another host: whether its process runs cannot be told here; left alone.</summary>
    OtherHost,
    /// <summary>Named like ours but without our marker: never touched.</summary>
    NotOurs,
}

/// <summary>A staging folder found beside a destination.</summary>
public sealed record StagingFolderInfo(string Path, StagingState State, StagingMarker? Marker)
{
    public override string ToString() => State switch
    {
        StagingState.Live => $"'{Path}' (being written by {Marker})",
        StagingState.OtherHost => $"'{Path}' (written by {Marker}; another host, so it is left alone: remove it once that process is gone)",
        StagingState.NotOurs => $"'{Path}' (no PhotonCodec marker, so it is left alone)",
        _ => $"'{Path}' (stale: {Marker})",
    };
}

/// <summary>
/// The staging folders <c>.&lt;name&gt;.partial-&lt;id&gt;</c> beside a destination. Each gets a <see cref="StagingMarker"/>
/// before anything else; the marker is the lock: while a live process on this host stages a destination, a second
/// writer gets <see cref="DestinationLockedException"/>. A replacement moves the old archive aside to
/// <c>&lt;staging&gt;.old</c>; a kill at any step leaves folders that <see cref="Clean"/> puts right (the old archive
/// back when the new one never arrived, the aside copy removed when it did).
/// </summary>
public static class StagingFolder
{
    private const string Infix = ".partial-";
    internal const string AsideSuffix = ".old";

    /// <summary>Removes stale staging left by killed writers of <paramref name="destination"/>, then creates a marked staging folder.</summary>
    /// <exception cref="DestinationLockedException">a live process on this host is writing the destination</exception>
    public static string Create(string destination)
    {
        destination = Normalize(destination);
        ThrowIfLocked(destination, Clean(destination), null);
        string parent = Path.GetDirectoryName(destination) ?? ".";
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, "." + Path.GetFileName(destination) + Infix + StagingMarker.CurrentProcessId.ToString("x", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(staging);
        StagingMarker mine = StagingMarker.ForThisProcess(destination, staging);
        try
        {
            mine.WriteTo(staging);
            // Two writers that scanned at the same moment both see each other now: the earlier one keeps the destination.
            ThrowIfLocked(destination, Survey(destination), mine);
        }
        catch
        {
            Delete(staging);
            throw;
        }
        return staging;
    }

    /// <summary>
    /// Removes the stale staging folders of <paramref name="destination"/> (restoring an old archive that a killed
    /// replacement had moved aside) and returns the ones it left: live, another host's, or not ours.
    /// </summary>
    public static IReadOnlyList<StagingFolderInfo> Clean(string destination)
    {
        destination = Normalize(destination);
        // A kill after the new archive moved in, before its commit ended: the marker came along; the old one may be aside.
        if (StagingMarker.TryRead(destination) is { } committed && !committed.ProcessIsAlive() && committed.OnThisHost)
        {
            if (Directory.Exists(committed.Staging + AsideSuffix)) Delete(committed.Staging + AsideSuffix);
            File.Delete(Path.Combine(destination, StagingMarker.FileName));
        }
        var kept = new List<StagingFolderInfo>();
        foreach (StagingFolderInfo info in Survey(destination))
        {
            if (info.State != StagingState.Stale)
            {
                kept.Add(info);
                continue;
            }
            string aside = info.Path + AsideSuffix;
            // A kill between "old one aside" and "new one in": the old archive goes back.
            if (!info.Path.EndsWith(AsideSuffix, StringComparison.Ordinal) && Directory.Exists(aside) && !Directory.Exists(destination))
            {
                Directory.Move(aside, destination);
                File.Delete(Path.Combine(destination, StagingMarker.FileName));
            }
            Delete(info.Path);
        }
        return kept;
    }

    /// <summary>Every <c>.partial-*</c> folder beside <paramref name="destination"/> (and aside copies that carry a marker).</summary>
    public static IReadOnlyList<StagingFolderInfo> Survey(string destination)
    {
        destination = Normalize(destination);
        string parent = Path.GetDirectoryName(destination) ?? ".";
        var found = new List<StagingFolderInfo>();
        if (!Directory.Exists(parent)) return found;
        foreach (string folder in Directory.GetDirectories(parent, "." + Path.GetFileName(destination) + Infix + "*"))
        {
            StagingMarker? marker = StagingMarker.TryRead(folder);
            if (folder.EndsWith(AsideSuffix, StringComparison.Ordinal))
            {
                // An old archive set aside: without a marker its staging folder's state decides (see Clean); with one,
                // it is being deleted by a live process, or was left by a dead one.
                if (marker is not null && marker.OnThisHost && !marker.ProcessIsAlive()) found.Add(new StagingFolderInfo(folder, StagingState.Stale, marker));
                continue;
            }
            StagingState state;
            if (marker is not null) state = !marker.OnThisHost ? StagingState.OtherHost : marker.ProcessIsAlive() ? StagingState.Live : StagingState.Stale;
            else if (!StagingMarker.IsUnmarkedNewborn(folder, out bool old)) state = StagingState.NotOurs;
            else if (old) state = StagingState.Stale;
            else continue; // a writer about to write its marker: the check after our own marker sees it

            found.Add(new StagingFolderInfo(folder, state, marker));
        }
        return found;
    }

    /// <summary>
    /// Ends a commit: <paramref name="staging"/> is now <paramref name="destination"/>. The old archive set aside (if
    /// any) is marked as ours and removed, then the marker leaves the new archive.
    /// </summary>
    internal static void Release(string destination, string? aside)
    {
        string marker = Path.Combine(destination, StagingMarker.FileName);
        if (aside is not null && Directory.Exists(aside))
        {
            try
            {
                if (File.Exists(marker)) File.Copy(marker, Path.Combine(aside, StagingMarker.FileName), overwrite: true);
                File.Delete(marker);
                Delete(aside);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        if (File.Exists(marker)) File.Delete(marker);
    }

    /// <summary>Deletes a staging folder, its marker last, so a kill midway still leaves a folder we recognise.</summary>
    internal static void Delete(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (string entry in Directory.GetFileSystemEntries(folder))
        {
            if (Path.GetFileName(entry) == StagingMarker.FileName) continue;
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true); else File.Delete(entry);
        }
        Directory.Delete(folder, recursive: true);
    }

    private static void ThrowIfLocked(string destination, IReadOnlyList<StagingFolderInfo> folders, StagingMarker? mine)
    {
        foreach (StagingFolderInfo f in folders)
        {
            if (f.State != StagingState.Live || f.Marker is null || f.Path == mine?.Staging) continue;
            if (mine is null || !mine.PrecedesOrEquals(f.Marker)) throw new DestinationLockedException(destination, f);
        }
    }

    private static string Normalize(string destination) =>
        Path.GetFullPath(destination).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
}
