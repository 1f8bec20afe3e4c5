using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Pipeline;

/// <summary>OME-Zarr scale from what a TIFF states about itself (ImageJ, OME-XML, ScanImage, TIFF resolution), parameters first.</summary>
public sealed class OmeScaleTests
{
    private const string Writer = """
        import sys, os, numpy as np, tifffile
        out = sys.argv[1]
        a = (np.arange(4 * 8 * 6, dtype=np.uint16).reshape(4, 8, 6) % 50)
        tifffile.imwrite(os.path.join(out, 'imagej_um.tif'), a, imagej=True, resolution=(1 / 0.5, 1 / 0.5), metadata={'unit': 'um', 'finterval': 0.033, 'axes': 'TYX'})
        tifffile.imwrite(os.path.join(out, 'imagej_nm.tif'), a, imagej=True, resolution=(1 / 250, 1 / 250), metadata={'unit': 'nm', 'axes': 'TYX'})
        tifffile.imwrite(os.path.join(out, 'ome.tif'), a, ome=True, metadata={'axes': 'TYX', 'PhysicalSizeX': 0.65, 'PhysicalSizeXUnit': 'nm', 'PhysicalSizeY': 0.65, 'TimeIncrement': 50, 'TimeIncrementUnit': 'ms'})
        tifffile.imwrite(os.path.join(out, 'scanimage.tif'), a, description='SI.hRoiManager.scanFrameRate = 30\nSI.hRoiManager.scanVolumeRate = 7.5\n', software='SI', metadata=None, photometric='minisblack')
        tifffile.imwrite(os.path.join(out, 'cm.tif'), a, resolution=(1e4 / 2.0, 1e4 / 2.0), resolutionunit='CENTIMETER', metadata=None, photometric='minisblack')
        tifffile.imwrite(os.path.join(out, 'inch.tif'), a, resolution=(72, 72), resolutionunit='INCH', metadata=None, photometric='minisblack')
        """;

    private static SourceScale ScaleOf(string tif)
    {
        using TiffFrameSource source = TiffFrameSource.Open(tif);
        return SourceScale.FromMetadata(source.Metadata);
    }

    [Fact]
    public void EachKindOfTiffStatesItsScale()
    {
        using var dir = new TempDir();
        Python.Run(Writer, dir.Path);

        SourceScale ij = ScaleOf(dir.File("imagej_um.tif"));
        Assert.Equal(0.5, ij.PixelSize!.Value, 9);
        Assert.Equal(0.033, ij.FrameInterval!.Value, 9);
        Assert.Equal(("ImageJ", "ImageJ"), (ij.PixelSizeOrigin, ij.FrameIntervalOrigin));

        SourceScale nm = ScaleOf(dir.File("imagej_nm.tif"));
        Assert.Equal(0.25, nm.PixelSize!.Value, 6);   // 250 nm, stored as a rational
        Assert.Null(nm.FrameInterval);

        SourceScale ome = ScaleOf(dir.File("ome.tif"));
        Assert.Equal(0.65e-3, ome.PixelSize!.Value, 12);
        Assert.Equal(0.05, ome.FrameInterval!.Value, 12);
        Assert.Equal(("OME-XML", "OME-XML"), (ome.PixelSizeOrigin, ome.FrameIntervalOrigin));

        SourceScale si = ScaleOf(dir.File("scanimage.tif"));
        Assert.Null(si.PixelSize);                       // needs the objective's calibration
        Assert.Equal(1 / 7.5, si.FrameInterval!.Value, 12); // a frame of the time axis is one volume
        Assert.Equal("ScanImage", si.FrameIntervalOrigin);

        SourceScale cm = ScaleOf(dir.File("cm.tif"));
        Assert.Equal(2.0, cm.PixelSize!.Value, 9);
        Assert.Equal("TIFF resolution", cm.PixelSizeOrigin);

        Assert.Same(SourceScale.None, ScaleOf(dir.File("inch.tif"))); // 72 dpi is a writer's default, not a calibration
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\"><Image><Pixels PhysicalSizeX=\"0.2\" TimeIncrement=\"2\"/></Image></OME>", 0.2, 2.0)]
    [InlineData("<OME><Image><Pixels PhysicalSizeX=\"0.2\" PhysicalSizeXUnit=\"parsec\" TimeIncrement=\"-1\"/></Image></OME>", null, null)]
    [InlineData("<OME><Image><Pixels PhysicalSizeX=\"0.2\"", null, null)]
    [InlineData("ImageJ=1.53t\nunit=pixel\nfinterval=0.5\ntunit=ms\n", null, 0.0005)]
    public void DescriptionsGiveDefaultUnitsAndNothingForTheUnreadable(string description, double? pixel, double? interval)
    {
        SourceScale s = SourceScale.Parse(description, null, 4.0, 1);
        Assert.Equal(pixel, s.PixelSize);
        Assert.Equal(interval, s.FrameInterval);
    }

    [Theory]
    [InlineData(ArchiveFormat.ZarrV2)]
    [InlineData(ArchiveFormat.ZarrV3)]
    public void ConversionTakesTheSourceScaleUnderTheParametersAndSaysWhere(ArchiveFormat format)
    {
        using var dir = new TempDir();
        Python.Run(Writer, dir.Path);
        string group = dir.File("ome.zarr");
        using (TiffFrameSource source = TiffFrameSource.Open(dir.File("imagej_um.tif")))
        {
            var options = new ConversionOptions { Mode = CodecMode.Lossless, Format = format, Layout = ArchiveStructure.OmeZarr, FrameInterval = 0.1 };
            Assert.Empty(OmeScale.Resolve(options, source.Metadata).Missing);
            PhotonConverter.Convert(source, group, options);
        }
        JsonNode groupAttrs = format == ArchiveFormat.ZarrV2
            ? JsonNode.Parse(File.ReadAllText(Path.Combine(group, ".zattrs")))!
            : JsonNode.Parse(File.ReadAllText(Path.Combine(group, "zarr.json")))!["attributes"]!["ome"]!;
        JsonNode multiscale = groupAttrs["multiscales"]![0]!;
        double[] scale = multiscale["datasets"]![0]!["coordinateTransformations"]![0]!["scale"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(new[] { 0.1, 0.5, 0.5 }, scale);
        Assert.Equal(new[] { "second", "micrometer", "micrometer" }, multiscale["axes"]!.AsArray().Select(a => a!["unit"]!.GetValue<string>()));
        JsonNode arrayAttrs = format == ArchiveFormat.ZarrV2
            ? JsonNode.Parse(File.ReadAllText(Path.Combine(group, "0", ".zattrs")))!
            : JsonNode.Parse(File.ReadAllText(Path.Combine(group, "0", "zarr.json")))!["attributes"]!;
        JsonNode scaleSource = arrayAttrs["photon"]!["scale_source"]!;
        Assert.Equal("ImageJ", scaleSource["pixel_size"]!.GetValue<string>());
        Assert.Equal("parameter", scaleSource["frame_interval"]!.GetValue<string>());
    }
}
