using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// A 3-D (frames, height, width) or 4-D (frames, channels, height, width) HDF5 dataset read through PureHDF as a
/// movie of one channel. Frames are read as a hyperslab of one chunk of frames at a time (the dataset's own chunk
/// extent along the frame axis, or about 8 MB for contiguous data), so memory stays at one block whatever the size.
/// </summary>
/// <remarks>Not thread-safe; one reader at a time, like every <see cref="IFrameSource"/>.</remarks>
public sealed class Hdf5FrameSource : IFrameSource
{
    private const long ContiguousBlockBytes = 8L << 20;
    private const long MaxBlockBytes = 256L << 20;
    private readonly NativeFile file;
    private readonly IH5Dataset dataset;
    private readonly Hdf5DatasetInfo info;
    private readonly int channel;
    private readonly int blockFrames;
    private readonly IReadOnlyDictionary<string, object?> extra;
    private byte[] block = Array.Empty<byte>();
    private int blockStart = -1;
    private int blockCount;
    private bool bigEndian;
    private Dictionary<string, object?>? metadata;

    private Hdf5FrameSource(string path, NativeFile file, IH5Dataset dataset, Hdf5DatasetInfo info, int channel, IReadOnlyDictionary<string, object?> extra)
    {
        Description = path;
        this.file = file;
        this.dataset = dataset;
        this.info = info;
        this.channel = channel;
        this.extra = extra;
        FrameBytes = checked(info.Height * info.Width * info.PixelType.Size());
        long frames = info.ChunkFrames > 0 ? info.ChunkFrames : Math.Max(1, ContiguousBlockBytes / FrameBytes);
        blockFrames = (int)Math.Max(1, Math.Min(Math.Min(frames, MaxBlockBytes / FrameBytes), info.Frames));
    }

    public string Description { get; }
    public int FrameCount => info.Frames;
    public int Height => info.Height;
    public int Width => info.Width;
    public PixelType PixelType => info.PixelType;
    public int FrameBytes { get; }

    /// <summary>The dataset read (absolute path inside the file).</summary>
    public string DatasetPath => info.Path;

    /// <summary>Opens <paramref name="datasetPath"/> of <paramref name="path"/> for channel <paramref name="channel"/> (0 for 3-D datasets).</summary>
    internal static Hdf5FrameSource Open(string path, long superblockOffset, Hdf5DatasetInfo info, int channel, IReadOnlyDictionary<string, object?> extra)
    {
        NativeFile file = Hdf5FileOpener.Open(path, superblockOffset);
        try
        {
            IH5Dataset dataset = file.Dataset(info.Path);
            return new Hdf5FrameSource(path, file, dataset, info, channel, extra);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or CorruptHdf5Exception))
        {
            file.Dispose();
            throw new CorruptHdf5Exception(path, $"dataset '{info.Path}' could not be opened ({e.Message}).", e);
        }
    }

    public void ReadFrame(int index, Span<byte> destination)
    {
        if ((uint)index >= (uint)FrameCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"frame index must be in 0..{FrameCount - 1}.");
        if (destination.Length < FrameBytes)
            throw new ArgumentOutOfRangeException(nameof(destination), destination.Length, $"destination holds {destination.Length} bytes; a frame needs {FrameBytes}.");
        if (index < blockStart || index >= blockStart + blockCount) LoadBlock(index / blockFrames * blockFrames);
        block.AsSpan((index - blockStart) * FrameBytes, FrameBytes).CopyTo(destination);
    }

    public IReadOnlyDictionary<string, object?> Metadata => metadata ??= BuildMetadata();

    public void Dispose() => file.Dispose();

    private void LoadBlock(int start)
    {
        int count = Math.Min(blockFrames, FrameCount - start);
        blockStart = -1;
        ulong[] starts = info.Rank == 4 ? new ulong[] { (ulong)start, (ulong)channel, 0, 0 } : new ulong[] { (ulong)start, 0, 0 };
        ulong[] blocks = info.Rank == 4 ? new ulong[] { (ulong)count, 1, (ulong)Height, (ulong)Width } : new ulong[] { (ulong)count, (ulong)Height, (ulong)Width };
        var selection = new HyperslabSelection(info.Rank, starts, blocks);
        int bytes = checked(count * FrameBytes);
        if (block.Length < bytes) block = new byte[bytes];
        try
        {
            Span<byte> target = block.AsSpan(0, bytes);
            if (bigEndian)
            {
                ReadSwapped(selection, target);
                blockStart = start;
                blockCount = count;
                return;
            }
            switch (PixelType)
            {
                case PixelType.UInt8: dataset.Read<byte[]>(selection).AsSpan().CopyTo(target); break;
                case PixelType.Int8: Copy(dataset.Read<sbyte[]>(selection), target); break;
                case PixelType.UInt16: Copy(dataset.Read<ushort[]>(selection), target); break;
                case PixelType.Int16: Copy(dataset.Read<short[]>(selection), target); break;
                case PixelType.UInt32: Copy(dataset.Read<uint[]>(selection), target); break;
                case PixelType.Int32: Copy(dataset.Read<int[]>(selection), target); break;
                case PixelType.UInt64: Copy(dataset.Read<ulong[]>(selection), target); break;
                case PixelType.Int64: Copy(dataset.Read<long[]>(selection), target); break;
                case PixelType.Float32: Copy(dataset.Read<float[]>(selection), target); break;
                case PixelType.Float64: Copy(dataset.Read<double[]>(selection), target); break;
                default: throw new UnsupportedHdf5Exception(Description, info.Path, $"dtype {PixelType.NumpyName()} is not read.");
            }
        }
        catch (Exception e) when (!bigEndian && e.Message.IndexOf("Byte order conversion", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            // PureHDF 2.2 reads typed values in the file's byte order only: take big-endian data as bytes and swap here.
            bigEndian = true;
            LoadBlock(start);
            return;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or UnsupportedHdf5Exception or CorruptHdf5Exception))
        {
            throw new CorruptHdf5Exception(Description, $"frames {start}..{start + count - 1} of dataset '{info.Path}' could not be read ({e.GetType().Name}: {e.Message}).", e);
        }
        blockStart = start;
        blockCount = count;
    }

    private void ReadSwapped(HyperslabSelection selection, Span<byte> target)
    {
        byte[] raw = dataset.Read<byte[]>(selection);
        if (raw.Length != target.Length) throw new InvalidDataException($"the hyperslab returned {raw.Length} bytes; {target.Length} were expected.");
        raw.CopyTo(target);
        ByteOrder.SwapInPlace(target, PixelType.Size());
    }

    private static void Copy<T>(T[] values, Span<byte> target) where T : unmanaged
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (bytes.Length != target.Length) throw new InvalidDataException($"the hyperslab returned {bytes.Length} bytes; {target.Length} were expected.");
        bytes.CopyTo(target);
    }

    private Dictionary<string, object?> BuildMetadata()
    {
        var m = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["file_name"] = Path.GetFileName(Description),
            ["file_size"] = new FileInfo(Description).Length,
            ["sha256"] = FileHash.Sha256Hex(Description),
            ["format"] = "HDF5",
            ["dataset"] = info.Path,
            ["shape"] = info.Dimensions,
            ["dtype"] = PixelType.NumpyName(),
            ["layout"] = info.Layout,
            ["filters"] = info.Filters,
        };
        if (bigEndian) m["byte_order"] = "big";
        if (info.ChunkShape is not null) m["chunks"] = info.ChunkShape;
        if (info.Rank == 4)
        {
            m["channel"] = (long)channel;
            m["stack_layout"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["origin"] = "HDF5 4-D (frames, channels, height, width)",
                ["channels"] = (long)info.Channels,
                ["planes"] = 1L,
                ["frames"] = (long)info.Frames,
            };
        }
        foreach (KeyValuePair<string, object?> kv in extra) m[kv.Key] = kv.Value;
        return m;
    }
}
