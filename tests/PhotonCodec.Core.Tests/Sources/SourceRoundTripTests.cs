using System;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Sources;

/// <summary>Every input kind → archive in every mode → read back: exact for Lossless, within the documented bounds otherwise; channels as a Zarr group.</summary>
public sealed class SourceRoundTripTests : IClassFixture<SourceFixtureSet>
{
    private readonly SourceFixtureSet fx;

    public SourceRoundTripTests(SourceFixtureSet fx) => this.fx = fx;

    private static SourceOptions OptionsFor(string name) => name switch
    {
        "raw" => new SourceOptions { RawShape = new long[] { 16, 12 }, RawDType = PixelType.UInt16 },
        _ => new SourceOptions(),
    };

    private FrameSourceSet Open(SourceCase c) =>
        c.Name == "sequence" ? FrameSourceFactory.OpenSequence(c.File, new[] { c.File }) : FrameSourceFactory.Open(c.File, OptionsFor(c.Name));

    [Theory]
    [InlineData("chunked_i16", CodecMode.Lossless)]
    [InlineData("chunked_i16", CodecMode.Quantized)]
    [InlineData("chunked_i16", CodecMode.Float)]
    [InlineData("nwb", CodecMode.Lossless)]
    [InlineData("nwb", CodecMode.Quantized)]
    [InlineData("nwb", CodecMode.Float)]
    [InlineData("raw", CodecMode.Lossless)]
    [InlineData("raw", CodecMode.Quantized)]
    [InlineData("raw", CodecMode.Float)]
    [InlineData("sequence", CodecMode.Lossless)]
    [InlineData("sequence", CodecMode.Quantized)]
    [InlineData("sequence", CodecMode.Float)]
    [InlineData("imagej_2c", CodecMode.Lossless)]
    [InlineData("imagej_2c", CodecMode.Quantized)]
    [InlineData("channels_4d", CodecMode.Float)]
    [InlineData("scanimage_2c", CodecMode.Quantized)]
    [InlineData("float32", CodecMode.Lossless)]
    [InlineData("float64", CodecMode.Lossless)]
    public void ConvertsAndReadsBack(string name, CodecMode mode)
    {
        SourceCase c = fx.Cases[name];
        string dest = fx.Scratch($"{name}-{mode}.zarr");
        var options = new ConversionOptions { Mode = mode, Gain = 3, ZeroLevel = 100, ReadNoise = 1, ChunkFrames = 10 };
        using FrameSourceSet set = Open(c);
        string[] arrays;
        if (set.IsGroup)
        {
            var summaries = ChannelGroupConverter.Convert(set, dest, options);
            arrays = summaries.Select(s => s.Destination).ToArray();
            Assert.Equal(Enumerable.Range(0, c.Raws.Count).Select(i => Path.Combine(dest, "c" + i)), arrays);
            Assert.True(File.Exists(Path.Combine(dest, ".zgroup")));
        }
        else
        {
            PhotonConverter.Convert(set.Source, dest, options);
            arrays = new[] { dest };
        }
        for (int i = 0; i < arrays.Length; i++)
        {
            PhotonArchive archive = PhotonArchive.Open(arrays[i]);
            Assert.Equal(mode, archive.Mode);
            RoundTripStatistics stats = RoundTripVerifier.Compare(set.Sources[i], archive);
            Assert.Null(new RoundTripBounds(mode, archive.Parameters).Check(stats));
            if (mode == CodecMode.Lossless)
            {
                var decoded = new byte[(long)c.Frames * archive.FramePixels * archive.OriginalType.Size()];
                archive.ReadFrames(0, c.Frames, decoded);
                Assert.Equal(File.ReadAllBytes(c.Raws[i]), decoded);
            }
        }
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(dest)!, "*.partial-*"));
    }

    [Fact]
    public void ZarrPythonOpensTheChannelGroupAsWritten()
    {
        SourceCase c = fx.Cases["imagej_2c"];
        string dest = fx.Scratch("group-interop.zarr");
        using (FrameSourceSet set = FrameSourceFactory.Open(c.File))
            ChannelGroupConverter.Convert(set, dest, new ConversionOptions { Mode = CodecMode.Lossless });
        string output = Python.Run(@"
import sys, json, numpy as np, zarr
g = zarr.open_group(sys.argv[1], mode='r')
attrs = dict(g.attrs)
ok = sorted(g.array_keys()) == ['c0', 'c1']
for i, raw in enumerate(sys.argv[2:]):
    a = g['c%d' % i][:]
    ok = ok and np.array_equal(a, np.fromfile(raw, dtype='<u2').reshape(a.shape))
print(json.dumps(dict(ok=bool(ok), channels=[ch['path'] for ch in attrs['channels']], source=attrs['source']['file_name'])))
", new[] { dest }.Concat(c.Raws).ToArray());
        Assert.Contains("\"ok\": true", output);
        Assert.Contains("\"channels\": [\"c0\", \"c1\"]", output);
        Assert.Contains("hyperstack_2c.tif", output);
    }

    [Fact]
    public void ExistingGroupDestinationIsKeptAndNothingIsLeftBehind()
    {
        SourceCase c = fx.Cases["channels_4d"];
        string dest = fx.Scratch("exists.zarr");
        Directory.CreateDirectory(dest);
        File.WriteAllText(Path.Combine(dest, "keep.txt"), "x");
        using FrameSourceSet set = FrameSourceFactory.Open(c.File);
        Assert.Throws<PhotonCodec.Core.Stores.ZarrDestinationExistsException>(() => ChannelGroupConverter.Convert(set, dest, new ConversionOptions { Mode = CodecMode.Lossless }));
        Assert.True(File.Exists(Path.Combine(dest, "keep.txt")));
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(dest)!, ".exists.zarr.partial-*"));
    }

    [Theory]
    [InlineData("float32", CodecMode.Quantized)]
    [InlineData("float64", CodecMode.Float)]
    public void PhotonModesRefuseFloatInputAndPointToLossless(string name, CodecMode mode)
    {
        using FrameSourceSet set = FrameSourceFactory.Open(fx.Cases[name].File);
        var e = Assert.Throws<PhotonInputException>(() => PhotonConverter.Measure(set.Source, new ConversionOptions { Mode = mode, Gain = 3, ZeroLevel = 100, ReadNoise = 1 }));
        Assert.Contains("-Mode Lossless", e.Message);
    }

    [Fact]
    public void ChunkedHdf5FramesReadInAnyOrder()
    {
        SourceCase c = fx.Cases["chunked_i16"];
        byte[] expected = File.ReadAllBytes(c.Raws[0]);
        using FrameSourceSet set = FrameSourceFactory.Open(c.File);
        IFrameSource s = set.Source;
        var frame = new byte[s.FrameBytes];
        foreach (int i in new[] { 23, 0, 12, 5, 4, 19 })
        {
            s.ReadFrame(i, frame);
            Assert.True(expected.AsSpan(i * s.FrameBytes, s.FrameBytes).SequenceEqual(frame), $"frame {i}");
        }
    }
}
