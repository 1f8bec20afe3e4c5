using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// Opens any input PhotonCodec reads by what its first bytes say (not its extension): TIFF/BigTIFF (with ImageJ,
/// ScanImage and OME-TIFF channel/plane layouts), HDF5 and NWB, raw binaries (when a raw layout is given), and
/// TIFF sequences (a folder or a list of files as one movie).
/// </summary>
public static class FrameSourceFactory
{
    private static readonly string[] TiffExtensions = { ".tif", ".tiff" };
    private static readonly string[] Hdf5Extensions = { ".h5", ".hdf5", ".he5", ".nwb" };

    private static bool HasExtension(string path, string[] extensions) =>
        extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <exception cref="UnsupportedFormatException">the first bytes are no format PhotonCodec reads, naming them.</exception>
    /// <exception cref="SourceSelectionException">-Channel/-Plane/-Dataset/-RawShape do not fit the file.</exception>
    public static FrameSourceSet Open(string path, SourceOptions? options = null)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        options ??= new SourceOptions();
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new UnsupportedFormatException(full, "it is a folder", "To read a folder of TIFF files as one movie, use -AsSequence.");
        if (!File.Exists(full)) throw new FileNotFoundException($"'{full}' does not exist.", full);
        if (options.IsRaw) return Select(full, OpenRaw(full, options), null, options);

        (SourceFormat format, long offset, string seen) = SourceFormatDetector.Detect(full);
        switch (format)
        {
            case SourceFormat.Tiff:
            case SourceFormat.BigTiff:
                return OpenTiff(full, options);
            case SourceFormat.Hdf5:
#if NET8_0_OR_GREATER
                return Hdf5Input.Open(full, offset, options);
#else
                throw new UnsupportedFormatException(full, seen + " (HDF5/NWB are read by the net8.0 build of PhotonCodec.Core only: PureHDF has no netstandard2.0 build)");
#endif
            default:
                // A name that claims a format whose bytes are not there is a damaged file of that format, as before the factory.
                if (HasExtension(full, TiffExtensions)) return OpenTiff(full, options);
                if (HasExtension(full, Hdf5Extensions)) throw new CorruptHdf5Exception(full, $"the HDF5 signature is missing: {seen}.");
                throw new UnsupportedFormatException(full, seen,
                    full.EndsWith(".bin", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".raw", StringComparison.OrdinalIgnoreCase)
                        ? "A raw binary needs its layout: -RawShape T,H,W (or H,W) and -RawDType."
                        : null);
        }
    }

    /// <summary>Reads <paramref name="inputs"/> (files and folders; folders contribute their *.tif/*.tiff) as one movie, in natural order.</summary>
    /// <param name="description">What names the sequence (the folder or pattern given): file_name in the provenance and the base of the archive name.</param>
    public static FrameSourceSet OpenSequence(string description, IEnumerable<string> inputs, SourceOptions? options = null)
    {
        options ??= new SourceOptions();
        if (options.IsRaw || options.Dataset is not null)
            throw new SourceSelectionException(description, "-AsSequence reads TIFF files; -RawShape/-RawDType/-Dataset do not apply.");
        List<string> files = SequenceFiles(inputs);
        TiffSequenceSource sequence = TiffSequenceSource.Open(description, files);
        return Select(description, sequence, null, options);
    }

    /// <summary>The TIFF files of <paramref name="inputs"/>, folders expanded (not recursively), duplicates removed, in natural order.</summary>
    public static List<string> SequenceFiles(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (string input in inputs)
        {
            string full = Path.GetFullPath(input);
            if (Directory.Exists(full))
                files.AddRange(Directory.EnumerateFiles(full).Where(f => HasExtension(f, TiffExtensions)));
            else files.Add(full);
        }
        return files.Distinct(StringComparer.Ordinal).OrderBy(f => f, NaturalOrder.Instance).ToList();
    }

    private static IFrameSource OpenRaw(string path, SourceOptions options)
    {
        if (options.RawShape is null || options.RawDType is null)
            throw new SourceSelectionException(path, "a raw binary needs both -RawShape (T,H,W or H,W) and -RawDType.");
        return RawFrameSource.Open(path, options.RawShape, options.RawDType.Value, options.RawBigEndian);
    }

    private static FrameSourceSet OpenTiff(string path, SourceOptions options)
    {
        if (options.Dataset is not null)
            throw new SourceSelectionException(path, $"-Dataset '{options.Dataset}' selects inside HDF5/NWB files; this is a TIFF.");
        TiffFrameSource tiff = TiffFrameSource.Open(path);
        try
        {
            StackLayout? layout = StackLayout.Detect(path, tiff.ImageDescription, tiff.Software, tiff.FrameCount);
            return Select(path, tiff, layout, options);
        }
        catch
        {
            tiff.Dispose();
            throw;
        }
    }

    /// <summary>Splits a stack by its layout: the chosen channel/plane, or every channel (one source each); a plain stack takes channel/plane 0 only.</summary>
    private static FrameSourceSet Select(string path, IFrameSource stack, StackLayout? layout, SourceOptions options)
    {
        if (layout is null || !layout.IsMultiDimensional)
        {
            if (options.Channel is int c && c != 0)
            {
                stack.Dispose();
                throw new SourceSelectionException(path, $"-Channel {c}: the file has one channel (0).");
            }
            if (options.Plane is int z && z != 0)
            {
                stack.Dispose();
                throw new SourceSelectionException(path, $"-Plane {z}: the file has one plane (0).");
            }
            return FrameSourceSet.Of(stack);
        }
        string what = $"the {layout.Origin} has {layout.Channels} channel(s) and {layout.Planes} plane(s) of {layout.Frames} frames";
        if (options.Channel is int channel && (channel < 0 || channel >= layout.Channels))
        {
            stack.Dispose();
            throw new SourceSelectionException(path, $"-Channel {channel}: {what}; channels are numbered 0..{layout.Channels - 1}.");
        }
        int plane = options.Plane ?? 0;
        if (plane < 0 || plane >= layout.Planes)
        {
            stack.Dispose();
            throw new SourceSelectionException(path, $"-Plane {plane}: {what}; planes are numbered 0..{layout.Planes - 1}.");
        }
        if (layout.Planes > 1 && options.Plane is null)
        {
            stack.Dispose();
            throw new SourceSelectionException(path, $"{what}; choose the plane with -Plane 0..{layout.Planes - 1} (planes are not merged into one movie).");
        }
        int[] channels = options.Channel is int only ? new[] { only } : Enumerable.Range(0, layout.Channels).ToArray();
        var views = channels.Select(ch => (IFrameSource)new ChannelFrameSource(stack, layout, ch, plane)).ToList();
        return new FrameSourceSet(views, channels, new[] { stack });
    }
}
