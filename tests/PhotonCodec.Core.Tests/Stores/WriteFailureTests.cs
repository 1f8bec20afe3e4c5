using System;
using System.IO;
using System.Linq;
using System.Threading;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Stores;

/// <summary>A file system whose Nth file write (or the commit's move) fails as a full or failing disk does, after writing half.</summary>
public sealed class FailingFileSystem : StoreFileSystem
{
    public const int Enospc = 28, Eio = 5;
    private readonly int _failAt;
    private readonly int _errno;
    private readonly bool _failMove;
    private int _writes;

    public FailingFileSystem(int failAt, int errno = Enospc, bool failMove = false)
    {
        _failAt = failAt;
        _errno = errno;
        _failMove = failMove;
    }

    public int Writes => Volatile.Read(ref _writes);

    public static string Message(int errno) => errno == Enospc ? "No space left on device" : "Input/output error";

    public override void WriteNewFile(string file, ReadOnlySpan<byte> value)
    {
        if (Interlocked.Increment(ref _writes) != _failAt) { base.WriteNewFile(file, value); return; }
        base.WriteNewFile(file, value.Slice(0, value.Length / 2));
        throw new IOException($"{Message(_errno)} : '{file}'", _errno);
    }

    public override void MoveDirectory(string from, string to)
    {
        if (_failMove) throw new IOException($"{Message(_errno)} : '{to}'", _errno);
        base.MoveDirectory(from, to);
    }
}

/// <summary>
/// A write failing mid-conversion (through <see cref="StoreFileSystem"/>): the error names the OS message and the
/// destination, nothing partial is left beside it, an archive being replaced survives, and the next conversion works.
/// </summary>
public sealed class WriteFailureTests
{
    private static InMemoryFrameSource Movie()
    {
        SyntheticMovie m = SyntheticMovie.Generate(3, 30, 200, 8, PixelType.UInt16, 24, 16, 20, (t, y, x) => 0.5 + (x + y) / 10.0);
        return new InMemoryFrameSource(m.ToBytes(), m.PixelType, m.Frames, m.Height, m.Width);
    }

    private static ConversionOptions Options(ArchiveFormat format, bool overwrite = false) => new()
    {
        Mode = CodecMode.Lossless, ChunkFrames = 4, Format = format, Overwrite = overwrite,
    };

    private static int WritesOfOneConversion(TempDir dir, ArchiveFormat format)
    {
        var counter = new FailingFileSystem(int.MaxValue);
        using (StoreFileSystem.Use(counter)) PhotonConverter.Convert(Movie(), dir.File("count.zarr"), Options(format));
        return counter.Writes;
    }

    private static void AssertNothingLeft(TempDir dir, string name)
    {
        Assert.False(Directory.Exists(dir.File(name)), $"{name} exists after the failed conversion");
        string[] left = Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Where(n => n!.Contains(name, StringComparison.Ordinal)).ToArray()!;
        Assert.True(left.Length == 0, "left behind: " + string.Join(", ", left));
    }

    [Theory]
    [InlineData(ArchiveFormat.ZarrV2, FailingFileSystem.Enospc, "first")]
    [InlineData(ArchiveFormat.ZarrV2, FailingFileSystem.Eio, "middle")]
    [InlineData(ArchiveFormat.ZarrV2, FailingFileSystem.Enospc, "last")]
    [InlineData(ArchiveFormat.ZarrV3, FailingFileSystem.Enospc, "middle")]
    [InlineData(ArchiveFormat.ZarrV3, FailingFileSystem.Eio, "last")]
    public void A_failed_write_leaves_nothing_and_names_the_os_error_and_the_destination(ArchiveFormat format, int errno, string which)
    {
        using var dir = new TempDir();
        int writes = WritesOfOneConversion(dir, format);
        Assert.True(writes >= 3, $"a conversion wrote {writes} files");
        int failAt = which switch { "first" => 1, "middle" => writes / 2, _ => writes };
        string dest = dir.File("movie.zarr");

        var ex = Assert.ThrowsAny<IOException>(() =>
        {
            using (StoreFileSystem.Use(new FailingFileSystem(failAt, errno))) PhotonConverter.Convert(Movie(), dest, Options(format));
        });

        Assert.Contains(FailingFileSystem.Message(errno), ex.Message);
        Assert.Contains(dest, ex.Message);
        AssertNothingLeft(dir, "movie.zarr");
        // The next conversion (the batch goes on) is not disturbed.
        PhotonConverter.Convert(Movie(), dest, Options(format));
        Assert.Equal(24, PhotonArchive.Open(dest).FrameCount);
    }

    [Fact]
    public void A_failed_commit_keeps_the_archive_it_was_replacing()
    {
        using var dir = new TempDir();
        string dest = dir.File("movie.zarr");
        PhotonConverter.Convert(Movie(), dest, Options(ArchiveFormat.ZarrV2));
        string[] before = Directory.GetFiles(dest, "*", SearchOption.AllDirectories).Select(f => f + ":" + new FileInfo(f).Length).OrderBy(f => f).ToArray();

        var ex = Assert.ThrowsAny<IOException>(() =>
        {
            using (StoreFileSystem.Use(new FailingFileSystem(int.MaxValue, FailingFileSystem.Eio, failMove: true)))
                PhotonConverter.Convert(Movie(), dest, Options(ArchiveFormat.ZarrV3, overwrite: true));
        });

        Assert.Contains("Input/output error", ex.Message);
        string[] after = Directory.GetFiles(dest, "*", SearchOption.AllDirectories).Select(f => f + ":" + new FileInfo(f).Length).OrderBy(f => f).ToArray();
        Assert.Equal(before, after);
        Assert.Equal(2, PhotonArchive.Open(dest).ZarrFormat);
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }
}
