using System;
using System.IO;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Tests.Sources;

[Collection(TiffFixtureCollection.Name)]
public sealed class TiffFrameSourceErrorTests
{
    private readonly TiffFixtureSet fx;

    public TiffFrameSourceErrorTests(TiffFixtureSet fx) => this.fx = fx;

    [Theory]
    [InlineData("rgb", "samples per pixel")]
    [InlineData("mixed_sizes", "all pages must share")]
    [InlineData("mixed_types", "all pages must share")]
    [InlineData("bilevel", "1-bit")]
    [InlineData("palette", "palette")]
    [InlineData("float16", "16-bit floating point")]
    [InlineData("jpeg_page1", "JPEG")]
    [InlineData("int_with_float_predictor", "predictor 3 is not supported for int32")]
    [InlineData("bigtiff_be", "big-endian BigTIFF")]
    public void UnsupportedLayoutsNameFileAndPage(string name, string problem)
    {
        TiffErrorCase c = Error(name);
        Assert.Equal("unsupported", c.Kind);
        var e = Assert.Throws<UnsupportedTiffException>(() => TiffFrameSource.Open(c.Tif));
        Assert.IsAssignableFrom<NotSupportedException>(e);
        Assert.Equal(Path.GetFullPath(c.Tif), e.FilePath);
        Assert.Equal(c.Page, e.Page);
        Assert.Contains(Path.GetFullPath(c.Tif), e.Message);
        if (c.Page is not null) Assert.Contains($"page {c.Page}", e.Message);
        Assert.True(e.Message.IndexOf(problem, StringComparison.OrdinalIgnoreCase) >= 0, $"'{problem}' not in: {e.Message}");
    }

    [Theory]
    [InlineData("not_a_tiff", "not a TIFF")]
    [InlineData("empty", "not a TIFF")]
    [InlineData("bad_version", "not a TIFF")]
    [InlineData("truncated_half", "truncated")]
    [InlineData("truncated_tail", "truncated")]
    [InlineData("ifd_loop", "loops")]
    [InlineData("imagej_contiguous_truncated", "truncated")]
    [InlineData("damaged_length", "need 40000 strips but StripOffsets lists 3")]
    public void CorruptFilesNameTheFile(string name, string problem)
    {
        TiffErrorCase c = Error(name);
        Assert.Equal("corrupt", c.Kind);
        var e = Assert.Throws<CorruptTiffException>(() => TiffFrameSource.Open(c.Tif));
        Assert.IsAssignableFrom<IOException>(e);
        Assert.Equal(Path.GetFullPath(c.Tif), e.FilePath);
        if (c.Page != -1) Assert.Equal(c.Page, e.Page);
        Assert.Contains(Path.GetFullPath(c.Tif), e.Message);
        Assert.True(e.Message.IndexOf(problem, StringComparison.OrdinalIgnoreCase) >= 0, $"'{problem}' not in: {e.Message}");
    }

    [Fact]
    public void EveryErrorFixtureIsCovered()
    {
        foreach (TiffErrorCase c in fx.Errors)
        {
            Exception e = Assert.ThrowsAny<Exception>(() => TiffFrameSource.Open(c.Tif));
            Assert.IsType(c.Kind == "corrupt" ? typeof(CorruptTiffException) : typeof(UnsupportedTiffException), e);
        }
        Assert.Equal(17, fx.Errors.Count);
    }

    [Fact]
    public void MissingFileIsFileNotFound()
    {
        string path = fx.Scratch("does-not-exist.tif");
        var e = Assert.Throws<FileNotFoundException>(() => TiffFrameSource.Open(path));
        Assert.Equal(path, e.FileName);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void DamagedPixelDataFailsWithCorruptTiffOrReadsGarbageButNeverCrashes()
    {
        // Random byte damage to compressed files must end in a documented exception (or in wrong pixels), never in an
        // IndexOutOfRange/NullReference escaping from LibTiff, and never print anything.
        string[] bases = { "uint16_lzw_be_strips_pred", "int16_deflate_le_tiles_pred", "uint8_packbits_le_strips", "bigtiff_le_lzw_tiles", "int8_lzw_le_tiles" };
        var rng = new Random(12345);
        TextWriter stdout = Console.Out, stderr = Console.Error;
        var captured = new StringWriter();
        Console.SetOut(captured);
        Console.SetError(captured);
        int failures = 0, successes = 0;
        try
        {
            for (int trial = 0; trial < 400; trial++)
            {
                TiffCase c = fx.Cases[bases[trial % bases.Length]];
                byte[] bytes = File.ReadAllBytes(c.Tif);
                int hits = 1 + rng.Next(8);
                for (int k = 0; k < hits; k++)
                {
                    // mostly past the header, sometimes inside it
                    int at = rng.Next(10) == 0 ? rng.Next(Math.Min(64, bytes.Length)) : 8 + rng.Next(bytes.Length - 8);
                    bytes[at] = (byte)rng.Next(256);
                }
                if (rng.Next(6) == 0) Array.Resize(ref bytes, 8 + rng.Next(bytes.Length - 8));
                string path = fx.Scratch($"fuzz-{trial}.tif");
                File.WriteAllBytes(path, bytes);
                try
                {
                    using TiffFrameSource source = TiffFrameSource.Open(path);
                    var frame = new byte[source.FrameBytes];
                    for (int i = 0; i < source.FrameCount; i++) source.ReadFrame(i, frame);
                    successes++;
                }
                catch (CorruptTiffException e)
                {
                    Assert.Equal(path, e.FilePath);
                    failures++;
                }
                catch (UnsupportedTiffException e)
                {
                    Assert.Equal(path, e.FilePath);
                    failures++;
                }
                File.Delete(path);
            }
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
        Assert.Equal("", captured.ToString());
        Assert.True(failures > 50, $"only {failures} of 400 damaged files were rejected");
        Assert.True(successes > 0, "no damaged file was readable (damage to pixel bytes alone should still decode)");
    }

    private TiffErrorCase Error(string name) => fx.Errors.Find(e => e.Name == name) ?? throw new InvalidOperationException(name);
}
