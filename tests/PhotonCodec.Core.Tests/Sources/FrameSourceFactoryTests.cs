using System;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Sources;

/// <summary>Every input kind through the factory: the frames read back exactly as h5py/tifffile/numpy wrote them, and each bad input fails with its own exception.</summary>
public sealed class FrameSourceFactoryTests : IClassFixture<SourceFixtureSet>
{
    private readonly SourceFixtureSet fx;

    public FrameSourceFactoryTests(SourceFixtureSet fx) => this.fx = fx;

    [Theory]
    [InlineData("contiguous_u16")]
    [InlineData("chunked_i16")]
    [InlineData("channels_4d")]
    [InlineData("userblock")]
    [InlineData("hdf5_big_endian")]
    [InlineData("nwb")]
    [InlineData("imagej_2c")]
    [InlineData("ome_ctyx")]
    [InlineData("scanimage_2c")]
    [InlineData("float32")]
    [InlineData("float64")]
    public void ReadsEveryChannelExactly(string name)
    {
        SourceCase c = fx.Cases[name];
        using FrameSourceSet set = FrameSourceFactory.Open(c.File);
        SourceFixtureSet.AssertFrames(c, set);
        Assert.Equal(c.Raws.Count > 1, set.IsGroup);
        Assert.Equal(Enumerable.Range(0, c.Raws.Count), set.Channels);
    }

    [Theory]
    [InlineData("contiguous_u16.h5", SourceFormat.Hdf5, 0)]
    [InlineData("userblock.h5", SourceFormat.Hdf5, 1024)]
    [InlineData("session.nwb", SourceFormat.Hdf5, 0)]
    [InlineData("float32.tif", SourceFormat.Tiff, 0)]
    [InlineData("data.bin", SourceFormat.Unknown, 0)]
    public void DetectsTheFormatByItsFirstBytes(string file, SourceFormat format, long offset)
    {
        (SourceFormat found, long at, _) = SourceFormatDetector.Detect(fx.Scratch(file));
        Assert.Equal((format, offset), (found, at));
    }

    [Fact]
    public void BigTiffIsRecognized()
    {
        string path = fx.Scratch("big.tif");
        Python.Run("import sys, numpy as np, tifffile\ntifffile.imwrite(sys.argv[1], np.zeros((2, 8, 8), 'uint16'), bigtiff=True, photometric='minisblack')", path);
        Assert.Equal(SourceFormat.BigTiff, SourceFormatDetector.Detect(path).Format);
        using FrameSourceSet set = FrameSourceFactory.Open(path);
        Assert.Equal(2, set.Source.FrameCount);
    }

    [Fact]
    public void UnknownBytesAreNamedInTheError()
    {
        var e = Assert.Throws<UnsupportedFormatException>(() => FrameSourceFactory.Open(fx.Errors["zip"].File));
        Assert.Contains("50 4B 03 04", e.Message);
        Assert.Contains("PK", e.Message);
        string empty = fx.Scratch("empty.dat");
        File.WriteAllBytes(empty, Array.Empty<byte>());
        Assert.Contains("empty", Assert.Throws<UnsupportedFormatException>(() => FrameSourceFactory.Open(empty)).Message);
    }

    [Theory]
    [InlineData("junk.tif", typeof(CorruptTiffException))]
    [InlineData("junk.h5", typeof(CorruptHdf5Exception))]
    [InlineData("junk.dat", typeof(UnsupportedFormatException))]
    public void JunkIsCorruptWhenItsNameClaimsAFormatAndUnsupportedOtherwise(string name, Type expected)
    {
        string path = fx.Scratch(name);
        File.WriteAllText(path, "junk\n");
        Exception e = Record.Exception(() => FrameSourceFactory.Open(path).Dispose());
        Assert.IsType(expected, e);
    }

    [Theory]
    [InlineData("flat", typeof(UnsupportedHdf5Exception))]
    [InlineData("lzf", typeof(UnsupportedHdf5Exception))]
    [InlineData("truncated", typeof(CorruptHdf5Exception))]
    [InlineData("sequence_odd", typeof(UnsupportedTiffException))]
    [InlineData("imagej_bad_header", typeof(UnsupportedTiffException))]
    public void BadInputFailsWithItsOwnException(string name, Type expected)
    {
        SourceErrorCase c = fx.Errors[name];
        Exception e = Record.Exception(() =>
        {
            using FrameSourceSet set = name.StartsWith("sequence", StringComparison.Ordinal)
                ? FrameSourceFactory.OpenSequence(c.File, new[] { c.File })
                : FrameSourceFactory.Open(c.File);
            for (int i = 0; i < set.Sources.Count; i++) SourceFixtureSet.ReadAll(set.Sources[i]);
        });
        Assert.IsType(expected, e);
        if (c.Mentions is not null) Assert.Contains(c.Mentions, e.Message);
    }
}
