using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PhotonCodec.Core.Stores;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// A Zarr group of per-channel movies, as multi-channel stacks are archived: <c>.zgroup</c> (or a v3 group
/// <c>zarr.json</c>) with child arrays <c>c0/</c>, <c>c1/</c>, … each an ordinary PhotonCodec archive.
/// </summary>
public sealed class PhotonArchiveGroup
{
    private static readonly Regex ChannelName = new("^c([0-9]+)$", RegexOptions.CultureInvariant);

    private PhotonArchiveGroup(string path, IReadOnlyList<string> names, IReadOnlyList<PhotonArchive> channels)
    {
        Path = path;
        ChannelNames = names;
        Channels = channels;
    }

    public string Path { get; }

    /// <summary>c0, c1, … in channel order.</summary>
    public IReadOnlyList<string> ChannelNames { get; }

    public IReadOnlyList<PhotonArchive> Channels { get; }

    /// <summary>True when <paramref name="path"/> is a Zarr group folder (v2 <c>.zgroup</c>, or v3 <c>zarr.json</c> with node_type group).</summary>
    public static bool IsGroup(string path)
    {
        if (File.Exists(System.IO.Path.Combine(path, ".zgroup"))) return true;
        string v3 = System.IO.Path.Combine(path, "zarr.json");
        if (!File.Exists(v3)) return false;
        try
        {
            return JsonNode.Parse(File.ReadAllText(v3)) is JsonObject o && o["node_type"]?.GetValue<string>() == "group";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Opens every channel array c0, c1, … of the group (numerically ordered; the numbers must run 0..N-1).</summary>
    /// <exception cref="ZarrFormatException">no channel arrays, a gap in the numbering, or a channel that is not a readable movie.</exception>
    public static PhotonArchiveGroup Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"Zarr group '{full}' does not exist.");
        var found = Directory.GetDirectories(full)
            .Select(d => (Dir: d, Match: ChannelName.Match(System.IO.Path.GetFileName(d))))
            .Where(x => x.Match.Success)
            .Select(x => (x.Dir, Index: int.Parse(x.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(x => x.Index)
            .ToList();
        if (found.Count == 0)
            throw new ZarrFormatException($"'{full}' is a Zarr group without channel arrays (c0/, c1/, …): nothing PhotonCodec can export.");
        for (int i = 0; i < found.Count; i++)
        {
            if (found[i].Index != i)
                throw new ZarrFormatException($"'{full}': channel arrays must be numbered c0..c{found.Count - 1}; c{i} is missing.");
        }
        var archives = new List<PhotonArchive>(found.Count);
        foreach (var (dir, _) in found) archives.Add(PhotonArchive.Open(dir));
        return new PhotonArchiveGroup(full, found.Select(f => "c" + f.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), archives);
    }
}
