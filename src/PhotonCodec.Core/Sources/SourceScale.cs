using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// Pixel size (µm) and frame interval (s) a TIFF states about itself, read from its <see cref="IFrameSource.Metadata"/>:
/// ImageJ's description (<c>unit=</c>, <c>finterval=</c>) with XResolution (pixels per unit), OME-XML
/// (<c>Pixels PhysicalSizeX/TimeIncrement</c>, https://www.openmicroscopy.org/Schemas/OME/2016-06), ScanImage's
/// <c>SI.hRoiManager.scanVolumeRate/scanFrameRate</c>, or XResolution with ResolutionUnit centimeter.
/// </summary>
public sealed class SourceScale
{
    private static readonly Regex ScanImageRate = new(@"SI\.hRoiManager\.(scanVolumeRate|scanFrameRate)\s*=\s*([-+0-9.eE]+)", RegexOptions.CultureInvariant);

    public static readonly SourceScale None = new(null, null, null, null);

    private SourceScale(double? pixelSize, double? frameInterval, string? pixelSizeOrigin, string? frameIntervalOrigin)
    {
        PixelSize = pixelSize;
        FrameInterval = frameInterval;
        PixelSizeOrigin = pixelSizeOrigin;
        FrameIntervalOrigin = frameIntervalOrigin;
    }

    /// <summary>Pixel size in micrometers, or null when the source does not say.</summary>
    public double? PixelSize { get; }

    /// <summary>Seconds between frames, or null when the source does not say.</summary>
    public double? FrameInterval { get; }

    /// <summary>What stated the pixel size ("ImageJ", "OME-XML", "TIFF resolution"), or null.</summary>
    public string? PixelSizeOrigin { get; }

    /// <summary>What stated the frame interval ("ImageJ", "OME-XML", "ScanImage"), or null.</summary>
    public string? FrameIntervalOrigin { get; }

    /// <summary>Reads the keys TIFF sources put in their metadata (image_description, software, x_resolution, resolution_unit).</summary>
    public static SourceScale FromMetadata(IReadOnlyDictionary<string, object?> metadata)
    {
        string? description = metadata.TryGetValue("image_description", out object? d) ? d as string : null;
        string? software = metadata.TryGetValue("software", out object? s) ? s as string : null;
        double? xResolution = metadata.TryGetValue("x_resolution", out object? x) && x is double xr && xr > 0 && !double.IsInfinity(xr) ? xr : null;
        long resolutionUnit = metadata.TryGetValue("resolution_unit", out object? u) && u is long ru ? ru : 1;
        return Parse(description, software, xResolution, resolutionUnit);
    }

    /// <param name="xResolution">the XResolution tag (pixels per resolution unit), or null</param>
    /// <param name="resolutionUnit">the ResolutionUnit tag: 1 none, 2 inch, 3 centimeter</param>
    public static SourceScale Parse(string? description, string? software, double? xResolution, long resolutionUnit)
    {
        double? pixel = null, interval = null;
        string? pixelOrigin = null, intervalOrigin = null;
        if (TiffDescriptionParser.IsImageJ(description))
        {
            Dictionary<string, object?> header = TiffDescriptionParser.ParseImageJ(description!);
            // ImageJ stores calibration as pixels per unit in XResolution, the unit in the description.
            if (xResolution is double xr && header.TryGetValue("unit", out object? unit) && unit is string name && LengthInMicrometers(name) is double um)
                (pixel, pixelOrigin) = (um / xr, "ImageJ");
            if (Number(header, "finterval") is double fi && fi > 0)
            {
                double perUnit = header.TryGetValue("tunit", out object? tu) && tu is string tunit ? TimeInSeconds(tunit) ?? 1 : 1;
                (interval, intervalOrigin) = (fi * perUnit, "ImageJ");
            }
        }
        else if (description is not null && description.TrimStart().StartsWith("<", StringComparison.Ordinal) && description.IndexOf("<OME", StringComparison.Ordinal) >= 0)
        {
            (pixel, interval) = FromOmeXml(description);
            if (pixel is not null) pixelOrigin = "OME-XML";
            if (interval is not null) intervalOrigin = "OME-XML";
        }
        else if (TiffDescriptionParser.IsScanImage(description, software))
        {
            // Pixel size needs the objective's calibration, which ScanImage does not store; only time is known.
            Match? m = ScanImageRate.Matches((description ?? "") + "\n" + (software ?? "")).Cast<Match>()
                .OrderBy(r => r.Groups[1].Value == "scanVolumeRate" ? 0 : 1).FirstOrDefault();
            if (m is not null && double.TryParse(m.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) && rate > 0 && !double.IsInfinity(rate))
                (interval, intervalOrigin) = (1 / rate, "ScanImage");
        }
        // Inches are left out on purpose: 72 dpi is every writer's default and says nothing about a microscope.
        if (pixel is null && xResolution is double x && resolutionUnit == 3)
            (pixel, pixelOrigin) = (1e4 / x, "TIFF resolution");
        return pixel is null && interval is null ? None : new SourceScale(pixel, interval, pixelOrigin, intervalOrigin);
    }

    private static (double? Pixel, double? Interval) FromOmeXml(string xml)
    {
        XElement? pixels;
        try
        {
            pixels = XDocument.Parse(xml).Descendants().FirstOrDefault(e => e.Name.LocalName == "Pixels");
        }
        catch (XmlException)
        {
            return (null, null); // not well-formed: the description says nothing we can trust
        }
        if (pixels is null) return (null, null);
        double? Attribute(string name) =>
            double.TryParse((string?)pixels.Attribute(name), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && !double.IsInfinity(v) ? v : null;
        double? pixel = Attribute("PhysicalSizeX") is double px ? LengthInMicrometers((string?)pixels.Attribute("PhysicalSizeXUnit") ?? "µm") * px : null;
        double? interval = Attribute("TimeIncrement") is double ti ? TimeInSeconds((string?)pixels.Attribute("TimeIncrementUnit") ?? "s") * ti : null;
        return (pixel, interval);
    }

    private static double? Number(Dictionary<string, object?> header, string key) =>
        header.TryGetValue(key, out object? v) ? v switch { double d => d, long l => l, _ => null } : null;

    /// <summary>Micrometers per <paramref name="unit"/> (ImageJ and OME spellings), or null for "pixel" and the unknown.</summary>
    internal static double? LengthInMicrometers(string unit) => unit.Trim() switch
    {
        "micron" or "microns" or "um" or "µm" or "\u03BCm" or "\\u00B5m" or "micrometer" => 1,
        "nm" or "nanometer" => 1e-3,
        "Å" or "angstrom" => 1e-4,
        "mm" or "millimeter" => 1e3,
        "cm" or "centimeter" => 1e4,
        "m" or "meter" => 1e6,
        _ => null,
    };

    /// <summary>Seconds per <paramref name="unit"/>, or null for the unknown.</summary>
    internal static double? TimeInSeconds(string unit) => unit.Trim() switch
    {
        "s" or "sec" or "second" or "seconds" => 1,
        "ms" or "msec" or "millisecond" => 1e-3,
        "µs" or "\u03BCs" or "us" or "microsecond" => 1e-6,
        "min" or "minute" => 60,
        "h" or "hr" or "hour" => 3600,
        _ => null,
    };
}
