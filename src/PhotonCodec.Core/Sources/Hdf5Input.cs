using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PureHDF;
using PureHDF.VOL.Native;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// Opens an HDF5 or NWB file as movies: finds the dataset (-Dataset, the NWB imaging series, or the single ≥3-D
/// dataset), checks it, and opens one <see cref="Hdf5FrameSource"/> per selected channel.
/// </summary>
internal static class Hdf5Input
{
    private const int MaxDepth = 8;

    public static FrameSourceSet Open(string path, long superblockOffset, SourceOptions options)
    {
        Hdf5DatasetInfo info;
        IReadOnlyDictionary<string, object?> extra;
        using (NativeFile file = Hdf5FileOpener.Open(path, superblockOffset))
        {
            try
            {
                (info, extra) = Resolve(path, file, options.Dataset);
            }
            catch (Exception e) when (e is not (UnsupportedHdf5Exception or CorruptHdf5Exception or SourceSelectionException or OutOfMemoryException))
            {
                throw new CorruptHdf5Exception(path, $"its groups and datasets could not be read ({e.GetType().Name}: {e.Message}).", e);
            }
        }
        if (options.Plane is int plane && plane != 0)
            throw new SourceSelectionException(path, $"-Plane {plane}: dataset '{info.Path}' has one plane (0).");
        int[] channels = SelectChannels(path, info, options.Channel);
        var sources = new List<IFrameSource>(channels.Length);
        try
        {
            foreach (int c in channels) sources.Add(Hdf5FrameSource.Open(path, superblockOffset, info, c, extra));
        }
        catch
        {
            foreach (IFrameSource s in sources) s.Dispose();
            throw;
        }
        return new FrameSourceSet(sources, channels, sources);
    }

    private static int[] SelectChannels(string path, Hdf5DatasetInfo info, int? channel)
    {
        if (channel is int c)
        {
            if (c < 0 || c >= info.Channels)
                throw new SourceSelectionException(path, $"-Channel {c}: dataset '{info.Path}' has {info.Channels} channel(s), numbered 0..{info.Channels - 1}.");
            return new[] { c };
        }
        return Enumerable.Range(0, info.Channels).ToArray();
    }

    private static (Hdf5DatasetInfo, IReadOnlyDictionary<string, object?>) Resolve(string path, NativeFile file, string? requested)
    {
        bool nwb = path.EndsWith(".nwb", StringComparison.OrdinalIgnoreCase) || file.AttributeExists("nwb_version")
            || string.Equals(Hdf5Values.Attribute(file, "neurodata_type") as string, "NWBFile", StringComparison.Ordinal);
        if (nwb)
        {
            (string? series, Dictionary<string, object?>? nwbMetadata) = NwbImagingSeries.Find(path, file, requested);
            if (series is not null)
            {
                string dataPath = series + "/data";
                if (!file.LinkExists(dataPath) || file.Get(dataPath) is not IH5Dataset data)
                    throw new UnsupportedHdf5Exception(path, series,
                        file.LinkExists(series + "/external_file")
                            ? "the NWB series keeps its frames in external files (external_file); convert those files instead."
                            : "the NWB series has no 'data' dataset.");
                var extra = new Dictionary<string, object?>(StringComparer.Ordinal) { ["format"] = "NWB", ["nwb"] = nwbMetadata };
                return (Hdf5DatasetInfo.From(path, dataPath, data), extra);
            }
        }
        return (ResolvePlain(path, file, requested), new Dictionary<string, object?>());
    }

    private static Hdf5DatasetInfo ResolvePlain(string path, NativeFile file, string? requested)
    {
        if (requested is not null)
        {
            string wanted = Normalize(requested);
            IH5Object? found = file.LinkExists(wanted) ? file.Get(wanted) : null;
            if (found is IH5Group g && g.LinkExists("data") && g.Get("data") is IH5Dataset inGroup)
                return Hdf5DatasetInfo.From(path, wanted + "/data", inGroup);
            if (found is IH5Dataset d) return Hdf5DatasetInfo.From(path, wanted, d);
            throw new SourceSelectionException(path,
                $"-Dataset '{requested}': there is no dataset '{wanted}'. Datasets of 3 or more dimensions: {List(Datasets(file).Where(x => x.Dataset.Space.Rank >= 3))}.");
        }
        List<(string Path, IH5Dataset Dataset)> all = Datasets(file).ToList();
        var movies = all.Where(x => x.Dataset.Space.Rank >= 3 && Hdf5DatasetInfo.TryPixelType(x.Dataset.Type) is not null).ToList();
        var integers = movies.Where(x => x.Dataset.Type.Class == H5DataTypeClass.FixedPoint).ToList();
        var chosen = integers.Count > 0 ? integers : movies;
        if (chosen.Count == 1) return Hdf5DatasetInfo.From(path, chosen[0].Path, chosen[0].Dataset);
        if (chosen.Count == 0)
            throw new UnsupportedHdf5Exception(path, null,
                $"it has no dataset of 3 or more dimensions to read as a movie (frames, height, width). Datasets: {List(all)}.");
        throw new SourceSelectionException(path,
            $"it has {chosen.Count} datasets that could be the movie; choose one with -Dataset: {List(chosen)}.");
    }

    internal static string Normalize(string datasetPath) => "/" + datasetPath.Trim().Trim('/');

    internal static string List(IEnumerable<(string Path, IH5Dataset Dataset)> datasets)
    {
        string text = string.Join(", ", datasets.Select(x => Hdf5DatasetInfo.Summary(x.Path, x.Dataset)));
        return text.Length == 0 ? "none" : text;
    }

    /// <summary>Every dataset under <paramref name="group"/>, depth-first, links followed once.</summary>
    internal static IEnumerable<(string Path, IH5Dataset Dataset)> Datasets(IH5Group group, string prefix = "", int depth = 0)
    {
        if (depth > MaxDepth) yield break;
        foreach (IH5Object child in group.Children())
        {
            string childPath = prefix + "/" + child.Name;
            if (child is IH5Dataset d) yield return (childPath, d);
            else if (child is IH5Group g)
            {
                foreach (var x in Datasets(g, childPath, depth + 1)) yield return x;
            }
        }
    }
}
