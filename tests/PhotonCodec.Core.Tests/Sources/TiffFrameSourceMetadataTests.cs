using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Tests.Sources;

[Collection(TiffFixtureCollection.Name)]
public sealed class TiffFrameSourceMetadataTests
{
    private readonly TiffFixtureSet fx;

    public TiffFrameSourceMetadataTests(TiffFixtureSet fx) => this.fx = fx;

    [Theory]
    [InlineData("uint16_lzw_be_strips_pred", "LZW", "TIFF", "big")]
    [InlineData("int8_deflate_le_strips", "Deflate", "TIFF", "little")]
    [InlineData("uint16_adobe_deflate_le_tiles", "AdobeDeflate", "TIFF", "little")]
    [InlineData("int16_packbits_be_strips", "PackBits", "TIFF", "big")]
    [InlineData("bigtiff_le_lzw_tiles", "LZW", "BigTIFF", "little")]
    [InlineData("uint8_none_le_tiles", "None", "TIFF", "little")]
    public void ProvenanceDescribesTheFile(string name, string compression, string format, string byteOrder)
    {
        TiffCase c = fx.Cases[name];
        using TiffFrameSource source = TiffFrameSource.Open(c.Tif);
        IReadOnlyDictionary<string, object?> m = source.Metadata;
        Assert.Equal(Path.GetFileName(c.Tif), m["file_name"]);
        Assert.Equal(c.FileSize, m["file_size"]);
        Assert.Equal(c.Sha256, m["sha256"]);
        Assert.Equal(format, m["format"]);
        Assert.Equal(byteOrder, m["byte_order"]);
        Assert.Equal((long)c.Frames, m["pages"]);
        Assert.Equal(compression, m["compression"]);
        Assert.Equal(false, m["imagej"]);
        Assert.Equal(false, m["scanimage"]);
        Assert.False(m.ContainsKey("imagej_metadata"));
        Assert.Equal(c.Software, source.Software);
        Assert.Equal(c.Software, m["software"]);
        Assert.Same(m, source.Metadata);
        // JSON-friendly: serializes without custom converters
        string json = JsonSerializer.Serialize(m);
        Assert.Contains(c.Sha256!, json);
    }

    [Fact]
    public void ImageJHyperstackKeepsDescriptionAndParsesIt()
    {
        TiffCase c = fx.Cases["imagej_tzyx_be"];
        using TiffFrameSource source = TiffFrameSource.Open(c.Tif);
        Assert.Equal(6, source.FrameCount);
        Assert.True(source.IsBigEndian);
        Assert.StartsWith("ImageJ=", source.ImageDescription);
        // tifffile strips the trailing newline ImageJ descriptions end with; the source keeps the tag as stored
        Assert.Equal(c.Description, source.ImageDescription!.TrimEnd('\n'));
        IReadOnlyDictionary<string, object?> m = source.Metadata;
        Assert.Equal(true, m["imagej"]);
        Assert.Equal(false, m["scanimage"]);
        Assert.Equal(source.ImageDescription, m["image_description"]);
        var ij = Assert.IsType<Dictionary<string, object?>>(m["imagej_metadata"]);
        Assert.Equal(6L, ij["images"]);
        Assert.Equal(3L, ij["frames"]);
        Assert.Equal(2L, ij["slices"]);
        Assert.Equal(true, ij["hyperstack"]);

        using TiffFrameSource f4 = TiffFrameSource.Open(fx.Cases["imagej_frames_f4"].Tif);
        var ij2 = Assert.IsType<Dictionary<string, object?>>(f4.Metadata["imagej_metadata"]);
        Assert.Equal(5L, ij2["images"]);
        Assert.Equal(0.5, ij2["finterval"]);
        Assert.Equal("AdobeDeflate", f4.Metadata["compression"]);
    }

    [Fact]
    public void ImageJSingleIfdStacksExposeEveryImage()
    {
        using TiffFrameSource be = TiffFrameSource.Open(fx.Cases["imagej_contiguous_be"].Tif);
        Assert.Equal(5, be.FrameCount);
        Assert.Equal(1L, be.Metadata["pages"]);
        Assert.Equal(true, be.Metadata["imagej_contiguous"]);
        using TiffFrameSource hyperstack = TiffFrameSource.Open(fx.Cases["imagej_tzyx_be"].Tif);
        Assert.Equal(false, hyperstack.Metadata["imagej_contiguous"]);
    }

    [Theory]
    [InlineData("scanimage3")]
    [InlineData("scanimage2016")]
    public void ScanImageFilesAreRecognized(string name)
    {
        TiffCase c = fx.Cases[name];
        using TiffFrameSource source = TiffFrameSource.Open(c.Tif);
        IReadOnlyDictionary<string, object?> m = source.Metadata;
        Assert.Equal(true, m["scanimage"]);
        Assert.Equal(false, m["imagej"]);
        Assert.Equal(c.Description, source.ImageDescription!.TrimEnd('\n'));
        Assert.Equal(c.Software, source.Software);
        Assert.Equal(source.ImageDescription, m["image_description"]);
    }

    [Fact]
    public void RealMoviesCarryTheirSoftwareTag()
    {
        foreach (TiffCase c in fx.Real)
        {
            using TiffFrameSource source = TiffFrameSource.Open(c.Tif);
            Assert.Equal(c.Software, source.Software);
            Assert.Equal(c.Description, source.ImageDescription);
            Assert.Equal(new FileInfo(c.Tif).Length, source.Metadata["file_size"]);
        }
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("tifffile.py", "{\"shape\": [3, 4]}", false)]
    [InlineData("SI", null, true)]
    [InlineData("ScanImage 5.6", null, true)]
    [InlineData(null, "state.acq.frameRate=7.8", true)]
    [InlineData(null, "frameNumbers = 1\nSI.hRoiManager.scanZoomFactor = 2", true)]
    [InlineData("SIMPLE imaging", "simple description", false)]
    [InlineData(null, "the state.of the art", false)]
    public void ScanImageDetection(string? software, string? description, bool expected) =>
        Assert.Equal(expected, TiffDescriptionParser.IsScanImage(description, software));
}
