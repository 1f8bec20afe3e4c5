using System;
using System.Collections.Generic;
using System.Reflection;
using PureHDF;

namespace PhotonCodec.Core.Sources;

/// <summary>What PhotonCodec needs to know of a dataset before reading it, checked: shape, pixel type, layout, filters.</summary>
internal sealed class Hdf5DatasetInfo
{
    // HDF5 filter ids (https://portal.hdfgroup.org/documentation/hdf5-docs/registered_filter_plugins.html) for naming refused filters.
    private static readonly Dictionary<int, string> FilterNames = new()
    {
        [1] = "deflate", [2] = "shuffle", [3] = "fletcher32", [4] = "szip", [5] = "nbit", [6] = "scaleoffset",
        [307] = "bzip2", [32000] = "lzf", [32001] = "blosc", [32004] = "lz4", [32008] = "bitshuffle", [32013] = "zfp",
        [32015] = "zstd", [32017] = "sz", [32026] = "blosc2",
    };

    private static readonly HashSet<int> Decoded = new() { 1, 2, 3 };

    private Hdf5DatasetInfo(string path, long[] dimensions, PixelType type, string layout, long[]? chunkShape, string[] filters)
    {
        Path = path;
        Dimensions = dimensions;
        PixelType = type;
        Layout = layout;
        ChunkShape = chunkShape;
        Filters = filters;
    }

    public string Path { get; }
    public long[] Dimensions { get; }
    public int Rank => Dimensions.Length;
    public int Frames => (int)Dimensions[0];
    public int Channels => Rank == 4 ? (int)Dimensions[1] : 1;
    public int Height => (int)Dimensions[Rank - 2];
    public int Width => (int)Dimensions[Rank - 1];
    public PixelType PixelType { get; }
    public string Layout { get; }
    public long[]? ChunkShape { get; }
    public string[] Filters { get; }

    /// <summary>Frames per chunk along the frame axis (0 for contiguous data).</summary>
    public long ChunkFrames => ChunkShape is { Length: > 0 } c ? c[0] : 0;

    /// <summary>"/mov (500×64×64 uint16)".</summary>
    public static string Summary(string path, IH5Dataset d)
    {
        string type = TryPixelType(d.Type) is PixelType t ? t.NumpyName() : d.Type.Class.ToString();
        return $"{path} ({string.Join("×", d.Space.Dimensions)} {type})";
    }

    public static PixelType? TryPixelType(IH5DataType type) => (type.Class, type.Size) switch
    {
        (H5DataTypeClass.FixedPoint, 1) => type.FixedPoint.IsSigned ? PixelType.Int8 : PixelType.UInt8,
        (H5DataTypeClass.FixedPoint, 2) => type.FixedPoint.IsSigned ? PixelType.Int16 : PixelType.UInt16,
        (H5DataTypeClass.FixedPoint, 4) => type.FixedPoint.IsSigned ? PixelType.Int32 : PixelType.UInt32,
        (H5DataTypeClass.FixedPoint, 8) => type.FixedPoint.IsSigned ? PixelType.Int64 : PixelType.UInt64,
        (H5DataTypeClass.FloatingPoint, 4) => PixelType.Float32,
        (H5DataTypeClass.FloatingPoint, 8) => PixelType.Float64,
        _ => null,
    };

    /// <exception cref="UnsupportedHdf5Exception">not 3-D/4-D, not an integer or float type, a virtual layout or a filter PhotonCodec does not decode.</exception>
    public static Hdf5DatasetInfo From(string file, string path, IH5Dataset d)
    {
        ulong[] dims = d.Space.Dimensions;
        if (d.Space.Type != H5DataspaceType.Simple || dims.Length < 3)
            throw new UnsupportedHdf5Exception(file, path,
                $"it is {(dims.Length == 0 ? "a scalar" : $"{dims.Length}-D ({string.Join("×", dims)})")}; PhotonCodec reads movies: 3-D (frames, height, width) or 4-D (frames, channels, height, width) datasets.");
        if (dims.Length > 4)
            throw new UnsupportedHdf5Exception(file, path, $"it is {dims.Length}-D ({string.Join("×", dims)}); PhotonCodec reads 3-D (frames, height, width) or 4-D (frames, channels, height, width) datasets.");
        var dimensions = new long[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == 0 || dims[i] > int.MaxValue)
                throw new UnsupportedHdf5Exception(file, path, $"its shape {string.Join("×", dims)} has an empty or too large dimension.");
            dimensions[i] = (long)dims[i];
        }
        PixelType type = TryPixelType(d.Type)
            ?? throw new UnsupportedHdf5Exception(file, path, $"its element type is {d.Type.Class} of {d.Type.Size} bytes; PhotonCodec reads 8–64-bit integers and 32/64-bit floats.");
        if (dimensions[dims.Length - 2] * dimensions[dims.Length - 1] * type.Size() > int.MaxValue)
            throw new UnsupportedHdf5Exception(file, path, "one frame exceeds 2 GiB.");
        H5DataLayoutClass layout = d.Layout.Class;
        if (layout is not (H5DataLayoutClass.Contiguous or H5DataLayoutClass.Chunked or H5DataLayoutClass.Compact))
            throw new UnsupportedHdf5Exception(file, path, $"its storage layout is {layout}; PhotonCodec reads contiguous, chunked and compact datasets.");
        long[]? chunks = null;
        if (layout == H5DataLayoutClass.Chunked)
        {
            ulong[] c = d.Layout.Chunks;
            chunks = new long[Math.Min(c.Length, dims.Length)];
            for (int i = 0; i < chunks.Length; i++) chunks[i] = (long)c[i];
        }
        string[] filters = CheckFilters(file, path, d);
        return new Hdf5DatasetInfo(path, dimensions, type, layout.ToString(), chunks, filters);
    }

    /// <summary>
    /// The filter pipeline, which PureHDF 2.2 keeps internal: read by reflection so that a refused filter is named
    /// before any chunk is read. Should that internal shape change, PureHDF's own "could not find filter" error
    /// still stops the read (as CorruptHdf5 with its message).
    /// </summary>
    private static string[] CheckFilters(string file, string path, IH5Dataset d)
    {
        object? pipeline = d.GetType().GetProperty("InternalFilterPipeline", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(d);
        if (pipeline?.GetType().GetProperty("FilterDescriptions", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(pipeline) is not System.Collections.IEnumerable descriptions)
            return Array.Empty<string>();
        var names = new List<string>();
        foreach (object? f in descriptions)
        {
            if (f is null) continue;
            Type t = f.GetType();
            int id = Convert.ToInt32(t.GetProperty("Identifier")?.GetValue(f) ?? -1, System.Globalization.CultureInfo.InvariantCulture);
            string? given = t.GetProperty("Name")?.GetValue(f) as string;
            string name = FilterNames.TryGetValue(id, out string? known) ? known : string.IsNullOrEmpty(given) ? $"filter {id}" : given!;
            if (!Decoded.Contains(id))
                throw new UnsupportedHdf5Exception(file, path,
                    $"it is compressed with the HDF5 filter '{name}' (id {id}), which PhotonCodec does not decode: it reads deflate (gzip) and shuffle (and fletcher32 checksums). Re-save it, e.g. h5py create_dataset(..., compression='gzip', shuffle=True).");
            names.Add(name);
        }
        return names.ToArray();
    }
}
