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
}
