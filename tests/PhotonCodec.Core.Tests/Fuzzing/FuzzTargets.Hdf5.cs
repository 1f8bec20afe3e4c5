using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Tests.Fuzzing;

/// <summary>HDF5 superblocks and object headers, read through PureHDF as a conversion opens an .h5/.nwb file.</summary>
public static partial class FuzzTargets
{
    private static readonly Lazy<FuzzTarget> Hdf5Target = new(() => new FuzzTarget
    {
        Name = "hdf5",
        Seeds = Hdf5Seeds(),
        Run = RunHdf5,
        // The per-file errors of an HDF5 input (PhotonCodec.CorruptHdf5, UnsupportedHdf5, InvalidSelection), and the
        // detector's when the signature itself is gone (UnsupportedFormat; a mutant that now looks like a TIFF is a TIFF).
        Allowed = new[]
        {
            typeof(CorruptHdf5Exception), typeof(UnsupportedHdf5Exception), typeof(SourceSelectionException),
            typeof(UnsupportedFormatException), typeof(CorruptTiffException), typeof(UnsupportedTiffException),
        },
        DefaultCases = 800, // file-system and PureHDF bound: ~80–160 cases/s
        // Superblock (0..~100) and the root group's object header lie in the first 1 KiB of these small files.
        HeaderSpan = 1 << 10,
        // PureHDF 2.2 allocates a buffer of a size read from the file (a local heap, a chunk) before it compares it
        // with the file's length, then fails ("The file is too small", our CorruptHdf5). That one transient buffer is
        // at most 2 GiB (an Int32 count) and outside our reach (Fixtures/hdf5 holds two); anything beyond it still fails.
        AllocationAllowance = int.MaxValue,
    });

    public static FuzzTarget Hdf5 => Hdf5Target.Value;

    /// <summary>Small files of h5py (earliest and latest format: superblock v0 and v3), written by make_more_seeds.py.</summary>
    private static IReadOnlyList<FuzzSeed> Hdf5Seeds() => FileSeeds(Path.Combine(SeedFolder, "hdf5"), "*.h5", Hdf5Fields);

    /// <summary>The superblock's size fields and addresses (base, free space / extension, end of file, root object header).</summary>
    private static IReadOnlyList<FuzzField> Hdf5Fields(byte[] b)
    {
        var fields = new List<FuzzField> { new(8, 1), new(13, 1), new(14, 1) };
        // v0/v1: addresses from byte 24 (4 of 8 bytes, then the root symbol table entry); v2/v3: from byte 12.
        int first = b[8] <= 1 ? 24 : 12;
        for (int i = 0; i < 6; i++) fields.Add(new FuzzField(first + 8 * i, 8));
        return fields;
    }

    [ThreadStatic] private static string? t_hdf5Path;
    [ThreadStatic] private static byte[]? t_hdf5Frame;

    private static void RunHdf5(byte[] input)
    {
        string path = t_hdf5Path ??= Path.Combine(Path.GetTempPath(), $"photoncodec-fuzz-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.h5");
        File.WriteAllBytes(path, input);
        try
        {
            using FrameSourceSet set = FrameSourceFactory.Open(path);
            IFrameSource source = set.Sources[0];
            long bound = FuzzHarness.AllocationBound(Hdf5, input.Length) - Hdf5.AllocationAllowance;
            if (source.FrameBytes > bound)
                throw new UnjustifiedSizeException($"Open accepted {source.Width}×{source.Height} {source.PixelType} frames ({source.FrameBytes} bytes) from a {input.Length}-byte file.");
            _ = source.Metadata;
            if (t_hdf5Frame is null || t_hdf5Frame.Length < source.FrameBytes) t_hdf5Frame = new byte[source.FrameBytes];
            for (int i = 0; i < Math.Min(source.FrameCount, 4); i++) source.ReadFrame(i, t_hdf5Frame.AsSpan(0, (int)source.FrameBytes));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
