using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// How the pages of a multi-channel or multi-plane TIFF interleave, read from its metadata: ImageJ hyperstacks
/// (<c>channels=</c>/<c>slices=</c>/<c>frames=</c>, order XYCZT), ScanImage (<c>channelSave</c>, <c>numSlices</c>,
/// channels fastest) and OME-TIFF (<c>Pixels SizeC/SizeZ/SizeT</c> with its <c>DimensionOrder</c>).
/// Page of (channel c, plane z, time t) = c·StrideC + z·StrideZ + t·StrideT.
/// </summary>
/// <remarks>
/// References: ImageJ hyperstack order (https://imagej.net/ij/docs/guide/146-8.html#sub:Hyperstacks),
/// OME-XML Pixels DimensionOrder (https://www.openmicroscopy.org/Schemas/Documentation/Generated/OME-2016-06/ome_xsd.html#Pixels),
/// ScanImage TIFF frame order (https://docs.scanimage.org/Appendix/ScanImage%2BBigTiff%2BSpecification.html).
/// </remarks>
internal sealed class StackLayout
{
    private static readonly Regex OmePixels = new(@"<(?:\w+:)?Pixels\b([^>]*)>", RegexOptions.CultureInvariant);
    private static readonly Regex XmlAttribute = new(@"(\w+)\s*=\s*""([^""]*)""", RegexOptions.CultureInvariant);
    private static readonly Regex SiChannelSave = new(@"(?:SI\.hChannels\.channelSave|scanimage\.SI\.hChannels\.channelSave)\s*=\s*(\[[^\]]*\]|\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex Si4Channels = new(@"state\.acq\.numberOfChannelsSave\s*=\s*(\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex SiSlices = new(@"SI\.hStackManager\.(?:actualNumSlices|numSlices)\s*=\s*(\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex SiFramesPerSlice = new(@"SI\.hStackManager\.framesPerSlice\s*=\s*(\d+)", RegexOptions.CultureInvariant);
    private static readonly Regex SiFastZ = new(@"SI\.hFastZ\.enable\s*=\s*(1|true)", RegexOptions.CultureInvariant);

    private StackLayout(string origin, int channels, int planes, int frames, int strideC, int strideZ, int strideT)
    {
        // A single-time-point z-stack is a movie over z: its planes are its frames.
        if (frames == 1 && planes > 1)
        {
            (frames, strideT, planes, strideZ) = (planes, strideZ, 1, 0);
        }
        Origin = origin;
        Channels = channels;
        Planes = planes;
        Frames = frames;
        StrideC = strideC;
        StrideZ = strideZ;
        StrideT = strideT;
    }

    /// <summary>Where the layout came from ("ImageJ hyperstack", "ScanImage", "OME-TIFF XYZCT").</summary>
    public string Origin { get; }
    public int Channels { get; }
    public int Planes { get; }
    public int Frames { get; }
    public int StrideC { get; }
    public int StrideZ { get; }
    public int StrideT { get; }

    /// <summary>True when there is something to separate (more than one channel or plane).</summary>
    public bool IsMultiDimensional => Channels > 1 || Planes > 1;

    public int PageOf(int channel, int plane, int frame) => channel * StrideC + plane * StrideZ + frame * StrideT;

    public IReadOnlyDictionary<string, object?> Describe() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["origin"] = Origin,
        ["channels"] = (long)Channels,
        ["planes"] = (long)Planes,
        ["frames"] = (long)Frames,
    };

    /// <summary>The layout the metadata describes, or null for a plain stack (one channel, one plane: pages are frames).</summary>
    /// <exception cref="UnsupportedTiffException">The metadata announces channels or planes that the pages do not fit.</exception>
    public static StackLayout? Detect(string path, string? description, string? software, int pages)
    {
        if (description is not null && description.IndexOf("<OME", StringComparison.Ordinal) >= 0) return FromOme(path, description, pages);
        if (TiffDescriptionParser.IsImageJ(description)) return FromImageJ(path, TiffDescriptionParser.ParseImageJ(description!), pages);
        if (TiffDescriptionParser.IsScanImage(description, software)) return FromScanImage(path, (software ?? "") + "\n" + (description ?? ""), pages);
        return null;
    }

    private static StackLayout? FromImageJ(string path, Dictionary<string, object?> header, int pages)
    {
        int c = Int(header, "channels"), z = Int(header, "slices"), t = Int(header, "frames");
        if (c <= 1 && (z <= 1 || t <= 1)) return null;
        if (header.TryGetValue("images", out object? images) && images is long n && n != pages)
            throw Unknown(path, $"the ImageJ header announces images={n} but the file has {pages} pages");
        if (!header.ContainsKey("frames")) t = Math.Max(1, pages / Math.Max(1, c * z));
        if ((long)c * z * t != pages)
            throw Unknown(path, $"the ImageJ header announces channels={c} slices={z} frames={t} ({(long)c * z * t} images) but the file has {pages} pages");
        return new StackLayout("ImageJ hyperstack", c, z, t, 1, c, c * z);
    }

    private static StackLayout? FromScanImage(string path, string text, int pages)
    {
        int c = 1;
        Match m = SiChannelSave.Match(text);
        if (m.Success)
        {
            string v = m.Groups[1].Value.Trim('[', ']');
            c = Math.Max(1, v.Split(new[] { ';', ',', ' ' }, StringSplitOptions.RemoveEmptyEntries).Length);
        }
        else if ((m = Si4Channels.Match(text)).Success) c = Math.Max(1, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        int z = 1;
        if ((m = SiSlices.Match(text)).Success) z = Math.Max(1, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        if (z > 1)
        {
            Match fps = SiFramesPerSlice.Match(text);
            int framesPerSlice = fps.Success ? int.Parse(fps.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
            if (framesPerSlice > 1 && !SiFastZ.IsMatch(text))
                throw Unknown(path, $"the ScanImage header announces {z} slices of {framesPerSlice} frames each (a slow z-stack), whose frame order PhotonCodec does not separate");
        }
        if (c <= 1 && z <= 1) return null;
        if (pages % (c * z) != 0)
            throw Unknown(path, $"the ScanImage header announces {c} saved channel(s) and {z} slice(s), but {pages} pages are not a multiple of {c * z}");
        return new StackLayout("ScanImage", c, z, pages / (c * z), 1, c, c * z);
    }

    private static StackLayout? FromOme(string path, string xml, int pages)
    {
        Match pixels = OmePixels.Match(xml);
        if (!pixels.Success) throw Unknown(path, "the OME-XML description has no Pixels element");
        var a = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match attr in XmlAttribute.Matches(pixels.Groups[1].Value)) a[attr.Groups[1].Value] = attr.Groups[2].Value;
        int c = OmeInt(a, "SizeC"), z = OmeInt(a, "SizeZ"), t = OmeInt(a, "SizeT");
        if (c <= 1 && (z <= 1 || t <= 1) && (long)c * z * t == pages) return null;
        string order = a.TryGetValue("DimensionOrder", out string? o) ? o : "XYZCT";
        if (order.Length != 5 || !order.StartsWith("XY", StringComparison.Ordinal) || order.IndexOf('Z') < 2 || order.IndexOf('C') < 2 || order.IndexOf('T') < 2)
            throw Unknown(path, $"the OME-XML DimensionOrder '{order}' is not one of XYZCT, XYZTC, XYCZT, XYCTZ, XYTCZ, XYTZC");
        if ((long)c * z * t != pages)
            throw Unknown(path, $"the OME-XML announces SizeC={c} SizeZ={z} SizeT={t} ({(long)c * z * t} planes) but the file has {pages} pages (multi-file OME-TIFF is not supported)");
        var size = new Dictionary<char, int> { ['C'] = c, ['Z'] = z, ['T'] = t };
        var stride = new Dictionary<char, int>();
        int s = 1;
        for (int i = 2; i < 5; i++)
        {
            stride[order[i]] = s;
            s *= size[order[i]];
        }
        return new StackLayout("OME-TIFF " + order, c, z, t, stride['C'], stride['Z'], stride['T']);
    }

    private static int Int(Dictionary<string, object?> header, string key) =>
        header.TryGetValue(key, out object? v) && v is long l && l > 0 && l <= int.MaxValue ? (int)l : 1;

    private static int OmeInt(Dictionary<string, string> a, string key) =>
        a.TryGetValue(key, out string? v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 1;

    private static UnsupportedTiffException Unknown(string path, string problem) =>
        new(path, null, problem + ": the stack's layout cannot be known, and PhotonCodec does not guess it (frames would mix channels). Fix the header or split the file.");
}
