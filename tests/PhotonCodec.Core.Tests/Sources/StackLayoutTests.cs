using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Tests.Sources;

/// <summary>Channels and planes of ImageJ, ScanImage and OME-TIFF stacks: separated from metadata, never flattened.</summary>
public sealed class StackLayoutTests : IClassFixture<SourceFixtureSet>
{
    private readonly SourceFixtureSet fx;

    public StackLayoutTests(SourceFixtureSet fx) => this.fx = fx;

    [Theory]
    [InlineData("imagej_2c", "ImageJ hyperstack")]
    [InlineData("scanimage_2c", "ScanImage")]
    [InlineData("ome_ctyx", "OME-TIFF XYZTC")]
    public void ChannelOptionSelectsOneChannel(string name, string origin)
    {
        SourceCase c = fx.Cases[name];
        using FrameSourceSet set = FrameSourceFactory.Open(c.File, new SourceOptions { Channel = 1 });
        Assert.False(set.IsGroup);
        Assert.Equal(System.IO.File.ReadAllBytes(c.Raws[1]), SourceFixtureSet.ReadAll(set.Source));
        var layout = (System.Collections.Generic.IReadOnlyDictionary<string, object?>)set.Source.Metadata["stack_layout"]!;
        Assert.Equal(origin, layout["origin"]);
        Assert.Equal(1L, set.Source.Metadata["channel"]);
    }

    [Fact]
    public void UnknownChannelIsRefusedWithTheRange()
    {
        var e = Assert.Throws<SourceSelectionException>(() => FrameSourceFactory.Open(fx.Cases["imagej_2c"].File, new SourceOptions { Channel = 2 }));
        Assert.Contains("0..1", e.Message);
        Assert.Throws<SourceSelectionException>(() => FrameSourceFactory.Open(fx.Cases["float32"].File, new SourceOptions { Channel = 1 }));
    }

    [Fact]
    public void MultiPlaneStackNeedsPlaneAndThenGivesEachChannelOfIt()
    {
        SourceCase c = fx.Cases["imagej_3z2c_plane1"];
        var e = Assert.Throws<SourceSelectionException>(() => FrameSourceFactory.Open(c.File));
        Assert.Contains("-Plane 0..2", e.Message);
        using FrameSourceSet set = FrameSourceFactory.Open(c.File, new SourceOptions { Plane = 1 });
        SourceFixtureSet.AssertFrames(c, set);
        Assert.Throws<SourceSelectionException>(() => FrameSourceFactory.Open(c.File, new SourceOptions { Plane = 3 }));
    }

    [Fact]
    public void ScanImageFastZVolumesInterleaveChannelsThenSlices()
    {
        const string software = "SI.hChannels.channelSave = [1;2]\nSI.hStackManager.numSlices = 3\nSI.hFastZ.enable = true\nSI.hStackManager.framesPerSlice = 1\n";
        StackLayout layout = StackLayout.Detect("si.tif", null, software, 12)!;
        Assert.Equal((2, 3, 2), (layout.Channels, layout.Planes, layout.Frames));
        Assert.Equal(11, layout.PageOf(1, 2, 1));
        Assert.Equal(6, layout.PageOf(0, 0, 1));
        Assert.Throws<UnsupportedTiffException>(() => StackLayout.Detect("si.tif", null, software, 13));
        string slow = software.Replace("SI.hFastZ.enable = true", "SI.hFastZ.enable = false").Replace("framesPerSlice = 1", "framesPerSlice = 10");
        Assert.Contains("slow z-stack", Assert.Throws<UnsupportedTiffException>(() => StackLayout.Detect("si.tif", null, slow, 60)).Message);
        Assert.Null(StackLayout.Detect("si.tif", null, "SI.hChannels.channelSave = 1\n", 12));
    }

    [Theory]
    [InlineData("XYCZT", 1, 2, 6)]
    [InlineData("XYZCT", 3, 1, 6)]
    [InlineData("XYTCZ", 4, 8, 1)]
    public void OmeDimensionOrderGivesTheStrides(string order, int strideC, int strideZ, int strideT)
    {
        string xml = $"<?xml version=\"1.0\"?><OME><Image><Pixels DimensionOrder=\"{order}\" SizeC=\"2\" SizeZ=\"3\" SizeT=\"4\" Type=\"uint16\"/></Image></OME>";
        StackLayout layout = StackLayout.Detect("x.ome.tif", xml, null, 24)!;
        Assert.Equal((strideC, strideZ, strideT), (layout.StrideC, layout.StrideZ, layout.StrideT));
        Assert.Throws<UnsupportedTiffException>(() => StackLayout.Detect("x.ome.tif", xml, null, 23));
    }

    [Fact]
    public void ImageJZStackWithoutTimeIsAMovieOverZ()
    {
        StackLayout? layout = StackLayout.Detect("z.tif", "ImageJ=1.53t\nimages=20\nchannels=2\nslices=10\n", null, 20);
        Assert.NotNull(layout);
        Assert.Equal((2, 1, 10), (layout!.Channels, layout.Planes, layout.Frames));
        Assert.Equal(3, layout.PageOf(1, 0, 1));
        Assert.Null(StackLayout.Detect("z.tif", "ImageJ=1.53t\nimages=10\nslices=10\n", null, 10));
    }
}
