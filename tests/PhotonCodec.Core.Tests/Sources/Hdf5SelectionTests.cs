using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Tests.Sources;

/// <summary>-Dataset and -Channel on HDF5 and NWB files, and the provenance an NWB series leaves.</summary>
public sealed class Hdf5SelectionTests : IClassFixture<SourceFixtureSet>
{
    private readonly SourceFixtureSet fx;

    public Hdf5SelectionTests(SourceFixtureSet fx) => this.fx = fx;

    [Theory]
    [InlineData("b")]
    [InlineData("/b")]
    public void DatasetIsNamedWithOrWithoutTheLeadingSlash(string dataset)
    {
        SourceCase c = fx.Cases["two_candidates_b"];
        using FrameSourceSet set = FrameSourceFactory.Open(c.File, new SourceOptions { Dataset = dataset });
        SourceFixtureSet.AssertFrames(c, set);
        Assert.Equal("/b", set.Source.Metadata["dataset"]);
    }

    [Fact]
    public void SeveralCandidatesAreListedWhenNoneIsChosen()
    {
        var e = Assert.Throws<SourceSelectionException>(() => FrameSourceFactory.Open(fx.Cases["two_candidates_b"].File));
        Assert.Contains("/a (24×16×12 uint16)", e.Message);
        Assert.Contains("/b (24×16×12 int16)", e.Message);
        Assert.Contains("-Dataset", e.Message);
    }

    [Fact]
    public void MissingDatasetAndTwoDimensionalDatasetAreRefusedByName()
    {
        string file = fx.Cases["chunked_i16"].File;
        Assert.Contains("/imaging/frames", Assert.Throws<SourceSelectionException>(() => FrameSourceFactory.Open(file, new SourceOptions { Dataset = "nope" })).Message);
        var flat = Assert.Throws<UnsupportedHdf5Exception>(() => FrameSourceFactory.Open(file, new SourceOptions { Dataset = "imaging/mean_image" }));
        Assert.Contains("2-D", flat.Message);
    }

    [Fact]
    public void ChunkedDatasetRecordsItsLayoutAndFilters()
    {
        using FrameSourceSet set = FrameSourceFactory.Open(fx.Cases["chunked_i16"].File);
        var m = set.Source.Metadata;
        Assert.Equal("Chunked", m["layout"]);
        Assert.Equal(new[] { "shuffle", "deflate" }, (string[])m["filters"]!);
        Assert.Equal(new long[] { 5, 8, 12 }, (long[])m["chunks"]!);
    }

    [Fact]
    public void ChannelSelectsOneChannelOfAFourDimensionalDatasetAndAnUnknownOneIsRefused()
    {
        SourceCase c = fx.Cases["channels_4d"];
        using (FrameSourceSet set = FrameSourceFactory.Open(c.File, new SourceOptions { Channel = 1 }))
        {
            Assert.False(set.IsGroup);
            Assert.Equal(new[] { 1 }, set.Channels);
            Assert.Equal(System.IO.File.ReadAllBytes(c.Raws[1]), SourceFixtureSet.ReadAll(set.Source));
        }
        var e = Assert.Throws<SourceSelectionException>(() => FrameSourceFactory.Open(c.File, new SourceOptions { Channel = 2 }));
        Assert.Contains("0..1", e.Message);
    }

    [Fact]
    public void NwbSeriesIsFoundAndItsTimingUnitsAndPlaneAreKept()
    {
        using FrameSourceSet set = FrameSourceFactory.Open(fx.Cases["nwb"].File);
        var m = set.Source.Metadata;
        Assert.Equal("NWB", m["format"]);
        var nwb = (System.Collections.Generic.Dictionary<string, object?>)m["nwb"]!;
        Assert.Equal("/acquisition/TwoPhotonSeries", nwb["series"]);
        Assert.Equal(30.0, nwb["rate"]);
        Assert.Equal(12.25, nwb["starting_time"]);
        Assert.Equal("n.a.", nwb["unit"]);
        Assert.Equal(1.5, nwb["conversion"]);
        Assert.Equal(-2.0, nwb["offset"]);
        var plane = (System.Collections.Generic.Dictionary<string, object?>)nwb["imaging_plane"]!;
        Assert.Equal("L2/3 of V1, 150 um deep", plane["description"]);
    }

    [Theory]
    [InlineData("/processing/ophys/MotionCorrected")]
    [InlineData("MotionCorrected")]
    public void NwbWithSeveralSeriesNeedsDatasetAndTakesTheOneNamed(string dataset)
    {
        SourceCase c = fx.Cases["nwb_processing"];
        var e = Assert.Throws<SourceSelectionException>(() => FrameSourceFactory.Open(c.File));
        Assert.Contains("/acquisition/TwoPhotonSeries (TwoPhotonSeries)", e.Message);
        Assert.Contains("/processing/ophys/MotionCorrected (OnePhotonSeries)", e.Message);
        using FrameSourceSet set = FrameSourceFactory.Open(c.File, new SourceOptions { Dataset = dataset });
        SourceFixtureSet.AssertFrames(c, set);
    }
}
