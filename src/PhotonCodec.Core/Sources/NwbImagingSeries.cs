using System;
using System.Collections.Generic;
using System.Linq;
using PureHDF;
using PureHDF.VOL.Native;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// Finds the imaging series of an NWB 2.x file (groups with <c>neurodata_type</c> TwoPhotonSeries or
/// OnePhotonSeries under /acquisition or /processing) and gathers what the archive keeps of it: rate,
/// starting_time, unit, conversion, offset, resolution and the imaging plane's description.
/// </summary>
/// <remarks>NWB schema, ophys: https://nwb-schema.readthedocs.io/en/latest/format.html#twophotonseries</remarks>
internal static class NwbImagingSeries
{
    private static readonly string[] Types = { "TwoPhotonSeries", "OnePhotonSeries" };
    private const int MaxDepth = 4;

    /// <summary>The chosen series' path and metadata, or (null, null) when the file has no imaging series (or <paramref name="requested"/> names a plain dataset).</summary>
    public static (string? Series, Dictionary<string, object?>? Metadata) Find(string path, NativeFile file, string? requested)
    {
        var series = new List<(string Path, IH5Group Group, string Type)>();
        foreach (string root in new[] { "/acquisition", "/processing" })
        {
            if (file.LinkExists(root) && file.Get(root) is IH5Group g) Collect(g, root, 0, series);
        }
        if (requested is not null)
        {
            string wanted = Hdf5Input.Normalize(requested);
            var match = series.Where(s => s.Path == wanted || s.Path + "/data" == wanted || s.Path.Split('/').Last() == wanted.TrimStart('/')).ToList();
            if (match.Count == 1) return (match[0].Path, Describe(file, match[0].Path, match[0].Group, match[0].Type));
            if (match.Count > 1)
                throw new SourceSelectionException(path, $"-Dataset '{requested}' names {match.Count} imaging series; give the full path: {string.Join(", ", match.Select(m => m.Path))}.");
            return (null, null); // a plain dataset path: read as HDF5
        }
        if (series.Count == 0) return (null, null);
        if (series.Count > 1)
            throw new SourceSelectionException(path,
                $"it has {series.Count} imaging series; choose one with -Dataset: {string.Join(", ", series.Select(s => $"{s.Path} ({s.Type})"))}.");
        return (series[0].Path, Describe(file, series[0].Path, series[0].Group, series[0].Type));
    }

    private static void Collect(IH5Group group, string prefix, int depth, List<(string, IH5Group, string)> found)
    {
        if (depth > MaxDepth) return;
        foreach (IH5Object child in group.Children())
        {
            if (child is not IH5Group g) continue;
            string childPath = prefix + "/" + child.Name;
            if (Hdf5Values.Attribute(g, "neurodata_type") is string type && Array.IndexOf(Types, type) >= 0) found.Add((childPath, g, type));
            else Collect(g, childPath, depth + 1, found);
        }
    }

    private static Dictionary<string, object?> Describe(NativeFile file, string seriesPath, IH5Group series, string type)
    {
        var m = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["series"] = seriesPath,
            ["neurodata_type"] = type,
            ["nwb_version"] = Hdf5Values.Attribute(file, "nwb_version"),
            ["description"] = Hdf5Values.Attribute(series, "description"),
        };
        if (series.LinkExists("data") && series.Get("data") is IH5Dataset data)
        {
            m["unit"] = Hdf5Values.Attribute(data, "unit");
            m["conversion"] = Hdf5Values.Attribute(data, "conversion");
            m["offset"] = Hdf5Values.Attribute(data, "offset");
            m["resolution"] = Hdf5Values.Attribute(data, "resolution");
        }
        if (series.LinkExists("starting_time") && series.Get("starting_time") is IH5Dataset start)
        {
            m["starting_time"] = Hdf5Values.Dataset(series, "starting_time");
            m["rate"] = Hdf5Values.Attribute(start, "rate");
            m["starting_time_unit"] = Hdf5Values.Attribute(start, "unit");
        }
        else if (series.LinkExists("timestamps"))
        {
            m["timestamps"] = "per-frame timestamps in " + seriesPath + "/timestamps (not copied)";
        }
        if (series.LinkExists("imaging_plane") && series.Get("imaging_plane") is IH5Group plane)
        {
            m["imaging_plane"] = WithoutNulls(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = plane.Name,
                ["description"] = Hdf5Values.Dataset(plane, "description") ?? Hdf5Values.Attribute(plane, "description"),
                ["location"] = Hdf5Values.Dataset(plane, "location"),
                ["indicator"] = Hdf5Values.Dataset(plane, "indicator"),
                ["excitation_lambda"] = Hdf5Values.Dataset(plane, "excitation_lambda"),
                ["imaging_rate"] = Hdf5Values.Dataset(plane, "imaging_rate"),
            });
        }
        return WithoutNulls(m);
    }

    private static Dictionary<string, object?> WithoutNulls(Dictionary<string, object?> m)
    {
        foreach (string key in m.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) m.Remove(key);
        return m;
    }
}
