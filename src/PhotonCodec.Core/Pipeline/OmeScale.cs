using System.Collections.Generic;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// The OME-Zarr scale of one conversion: -PixelSize/-FrameInterval when given, else what the source states
/// (<see cref="SourceScale"/>), else 1 with no unit. Says where each came from and what is still missing.
/// </summary>
public sealed class OmeScale
{
    private OmeScale(double? pixelSize, string? pixelOrigin, double? frameInterval, string? intervalOrigin)
    {
        PixelSize = pixelSize;
        PixelSizeOrigin = pixelOrigin;
        FrameInterval = frameInterval;
        FrameIntervalOrigin = intervalOrigin;
    }

    public double? PixelSize { get; }
    public string? PixelSizeOrigin { get; }
    public double? FrameInterval { get; }
    public string? FrameIntervalOrigin { get; }

    /// <summary>(t, y, x) scale, 1 where unknown.</summary>
    public double[] Scale => new[] { FrameInterval ?? 1, PixelSize ?? 1, PixelSize ?? 1 };

    /// <summary>The parameter names still unknown ("-PixelSize", "-FrameInterval"); empty when the scale is complete.</summary>
    public IReadOnlyList<string> Missing
    {
        get
        {
            var missing = new List<string>();
            if (PixelSize is null) missing.Add("-PixelSize");
            if (FrameInterval is null) missing.Add("-FrameInterval");
            return missing;
        }
    }

    public static OmeScale Resolve(ConversionOptions options, IReadOnlyDictionary<string, object?> sourceMetadata)
    {
        SourceScale stated = options.PixelSize is null || options.FrameInterval is null ? SourceScale.FromMetadata(sourceMetadata) : SourceScale.None;
        return new OmeScale(
            options.PixelSize ?? stated.PixelSize, options.PixelSize is not null ? "parameter" : stated.PixelSizeOrigin,
            options.FrameInterval ?? stated.FrameInterval, options.FrameInterval is not null ? "parameter" : stated.FrameIntervalOrigin);
    }

    /// <summary>The group documents for <paramref name="zarrFormat"/>, and <c>photon.scale_source</c> added to <paramref name="arrayAttributes"/>.</summary>
    public (string Key, string Json)[] Documents(int zarrFormat, string name, JsonObject arrayAttributes)
    {
        if (arrayAttributes[PhotonAttributes.PhotonKey] is JsonObject photon)
            photon["scale_source"] = new JsonObject { ["pixel_size"] = PixelSizeOrigin, ["frame_interval"] = FrameIntervalOrigin };
        return OmeZarrGroup.Documents(zarrFormat, name, Scale, FrameInterval is not null, PixelSize is not null);
    }
}
