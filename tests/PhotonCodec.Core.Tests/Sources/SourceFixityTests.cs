using System.IO;
using System.Linq;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Sources;

/// <summary>Every kind of source that can be archived has its size and SHA-256 recorded in the fixity manifest.</summary>
public sealed class SourceFixityTests : IClassFixture<SourceFixtureSet>
{
    private readonly SourceFixtureSet fx;

    public SourceFixityTests(SourceFixtureSet fx) => this.fx = fx;

    [Theory]
    [InlineData("nwb")]
    [InlineData("contiguous_u16")]
    [InlineData("imagej_2c")]
    [InlineData("float32")]
    public void AFileSourceIsRecordedWithItsSizeAndSha256(string name)
    {
        SourceCase c = fx.Cases[name];
        using FrameSourceSet set = FrameSourceFactory.Open(c.File, new SourceOptions { Dataset = c.Str("dataset") ?? c.Str("series"), Channel = 0 });
        string zarr = fx.Scratch(name + "-fixity.zarr");
        PhotonConverter.Convert(set.Sources[0], zarr, new ConversionOptions { Mode = CodecMode.Lossless, Overwrite = true });
        FixitySource recorded = ArchiveVerifier.RecordedSource(zarr)!;
        Assert.Equal(new FileInfo(c.File).Length, recorded.Size);
        Assert.Null(recorded.Files);
        Assert.True(ArchiveVerifier.MatchesSource(zarr, c.File, out string? reason), reason);
        Assert.True(ArchiveVerifier.Verify(zarr).Passed);
    }

    [Fact]
    public void ATiffSequenceIsRecordedFileByFileWithTheDigestOfItsListing()
    {
        SourceCase c = fx.Cases["sequence"];
        string[] files = Directory.GetFiles(c.File);
        using FrameSourceSet set = FrameSourceFactory.OpenSequence(c.File, files);
        string zarr = fx.Scratch("sequence-fixity.zarr");
        PhotonConverter.Convert(set.Source, zarr, new ConversionOptions { Mode = CodecMode.Lossless, Overwrite = true });
        FixitySource recorded = ArchiveVerifier.RecordedSource(zarr)!;
        Assert.Equal(files.Length, recorded.Files!.Count);
        Assert.Equal(files.Sum(f => new FileInfo(f).Length), recorded.Size);
        string listing = string.Concat(recorded.Files.Select(f => $"{f.Sha256}  {f.FileName}\n"));
        Assert.Equal(FixityManifest.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(listing)), recorded.Sha256);
        Assert.Equal(c.Json.GetProperty("sha256").EnumerateArray().Select(h => h.GetString()), recorded.Files.Select(f => f.Sha256));
        Assert.True(ArchiveVerifier.MatchesSource(zarr, c.File, out string? reason), reason);
    }

    [Fact]
    public void AChannelGroupIsVerifiedArrayByArray()
    {
        SourceCase c = fx.Cases["imagej_2c"];
        using FrameSourceSet set = FrameSourceFactory.Open(c.File);
        string zarr = fx.Scratch("channels-fixity.zarr");
        ChannelGroupConverter.Convert(set, zarr, new ConversionOptions { Mode = CodecMode.Lossless, Overwrite = true });
        ArchiveVerification v = ArchiveVerifier.Verify(zarr);
        Assert.True(v.Passed, v.Reason);
        Assert.Equal(2, v.ChunksChecked);
        File.Delete(Path.Combine(zarr, "c1", "0.0.0"));
        v = ArchiveVerifier.Verify(zarr);
        Assert.False(v.Passed);
        Assert.Equal("c1/0.0.0", Assert.Single(v.Problems).Key);
        Assert.StartsWith("c1: ", v.Reason);
    }
}
