using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Stores;

public sealed class StagingFolderTests
{
    /// <summary>A marker as a writer on <paramref name="host"/> left it; this process's id with another start time is a dead (reused) id.</summary>
    private static string Partial(string destination, string id, string host, bool live, DateTime? created = null)
    {
        string folder = Path.Combine(Path.GetDirectoryName(destination)!, "." + Path.GetFileName(destination) + ".partial-" + id);
        Directory.CreateDirectory(folder);
        using Process self = Process.GetCurrentProcess();
        DateTime start = live ? self.StartTime.ToUniversalTime() : new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.WriteAllText(Path.Combine(folder, StagingMarker.FileName),
            $"{{\"tool\":\"PhotonCodec\",\"tool_version\":\"1\",\"host\":\"{host}\",\"pid\":{self.Id},\"process_start\":\"{start:o}\"," +
            $"\"created\":\"{(created ?? DateTime.UtcNow):o}\",\"destination\":\"{destination}\",\"staging\":\"{folder}\"}}");
        File.WriteAllText(Path.Combine(folder, "0.0.0"), "chunk");
        return folder;
    }

    [Fact]
    public void StagingStartsWithItsMarkerAndTheMarkerLeavesAtCommit()
    {
        using var dir = new TempDir();
        string dest = dir.File("a.zarr");
        using (var store = StagedFileSystemStore.Create(dest, overwrite: false))
        {
            string staging = Directory.GetDirectories(dir.Path, ".a.zarr.partial-*").Single();
            StagingMarker marker = StagingMarker.TryRead(staging)!;
            Assert.Equal(Environment.ProcessId, marker.ProcessId);
            Assert.Equal(dest, marker.Destination);
            Assert.True(marker.ProcessIsAlive());
            store.Set(".zarray", new byte[] { (byte)'{', (byte)'}' });
            store.Commit();
        }
        Assert.Equal(new[] { ".zarray" }, Directory.GetFileSystemEntries(dest).Select(Path.GetFileName));
        Assert.Equal(new[] { "a.zarr" }, Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ALiveMarkerLocksTheDestination()
    {
        using var dir = new TempDir();
        string dest = dir.File("b.zarr");
        using var first = StagedFileSystemStore.Create(dest, overwrite: false);
        var ex = Assert.Throws<DestinationLockedException>(() => StagedFileSystemStore.Create(dest, overwrite: true));
        Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
        Assert.Single(Directory.GetDirectories(dir.Path, ".b.zarr.partial-*"));
    }

    [Fact]
    public void OfTwoLiveWritersTheEarlierKeepsTheDestination()
    {
        using var dir = new TempDir();
        string dest = dir.File("t.zarr");
        // A writer that began a moment ago but had not yet finished its scan when this one started.
        string earlier = Partial(dest, "00000000", Environment.MachineName, live: true, DateTime.UtcNow.AddSeconds(-1));
        Assert.Throws<DestinationLockedException>(() => StagingFolder.Create(dest));
        Assert.Equal(new[] { earlier }, Directory.GetDirectories(dir.Path, ".t.zarr.partial-*"));
    }

    [Fact]
    public void StalePartialsAreRemovedOthersReportedAndFoldersWithoutOurMarkerNeverTouched()
    {
        using var dir = new TempDir();
        string dest = dir.File("c.zarr");
        string stale = Partial(dest, "dead0001", Environment.MachineName, live: false);
        string remote = Partial(dest, "remote01", "another-host-" + Guid.NewGuid().ToString("N"), live: true);
        string foreign = Path.Combine(dir.Path, ".c.zarr.partial-foreign1");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "data"), "someone else's");
        string newborn = Path.Combine(dir.Path, ".c.zarr.partial-newborn1");
        Directory.CreateDirectory(newborn);
        string unrelated = Path.Combine(dir.Path, ".d.zarr.partial-dead0002");
        Directory.CreateDirectory(unrelated);

        var kept = StagingFolder.Clean(dest);
        Assert.False(Directory.Exists(stale));
        Assert.False(Directory.Exists(newborn));
        Assert.True(Directory.Exists(remote));
        Assert.True(File.Exists(Path.Combine(foreign, "data")));
        Assert.True(Directory.Exists(unrelated));
        Assert.Equal(new[] { (foreign, StagingState.NotOurs), (remote, StagingState.OtherHost) },
            kept.Select(k => (k.Path, k.State)).OrderBy(k => k.Path, StringComparer.Ordinal));
        // Another host's partial is no lock: a writer goes ahead (its own commit is atomic).
        using var store = StagedFileSystemStore.Create(dest, overwrite: false);
    }

    [Fact]
    public void AKillMidReplacementIsPutRight()
    {
        using var dir = new TempDir();
        // Killed after the old archive went aside, before the new one moved in: the old one comes back.
        string dest = dir.File("e.zarr");
        string staging = Partial(dest, "dead0003", Environment.MachineName, live: false);
        Directory.CreateDirectory(staging + ".old");
        File.WriteAllText(Path.Combine(staging + ".old", ".zarray"), "old");
        StagingFolder.Clean(dest);
        Assert.Equal("old", File.ReadAllText(Path.Combine(dest, ".zarray")));
        Assert.Equal(new[] { "e.zarr" }, Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));

        // Killed after the new one moved in, before the old copy was deleted: the marker came along and names it.
        string f = dir.File("f.zarr");
        string moved = Partial(f, "dead0004", Environment.MachineName, live: false);
        Directory.Move(moved, f);
        Directory.CreateDirectory(moved + ".old");
        File.WriteAllText(Path.Combine(moved + ".old", ".zarray"), "old");
        StagingFolder.Clean(f);
        Assert.Equal(new[] { "0.0.0" }, Directory.GetFileSystemEntries(f).Select(Path.GetFileName));
        Assert.False(Directory.Exists(moved + ".old"));
    }

    [Fact]
    public void OverwriteReplacesOnlyZarrArraysAndGroups()
    {
        using var dir = new TempDir();
        string folder = dir.File("plain");
        Directory.CreateDirectory(folder);
        File.WriteAllText(dir.File("file.zarr"), "x");
        Assert.Throws<DestinationNotZarrException>(() => StagedFileSystemStore.Create(folder, overwrite: true));
        Assert.Throws<DestinationNotZarrException>(() => StagedFileSystemStore.Create(dir.File("file.zarr"), overwrite: true));
        Assert.Equal(new[] { "file.zarr", "plain" }, Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        string group = dir.File("g.zarr");
        Directory.CreateDirectory(group);
        File.WriteAllText(Path.Combine(group, ".zgroup"), "{}");
        using var store = StagedFileSystemStore.Create(group, overwrite: true);
        store.Set(".zarray", new byte[] { (byte)'{', (byte)'}' });
        store.Commit();
        Assert.Equal(new[] { ".zarray" }, Directory.GetFileSystemEntries(group).Select(Path.GetFileName));
    }
}
