using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// Writes the channels of a multi-channel stack as one Zarr v2 group: <c>.zgroup</c>, a <c>.zattrs</c> listing the
/// channels and the source, and one array per channel at <c>c0/</c>, <c>c1/</c> … (each converted, and its photon
/// parameters estimated, on its own). Built in a staging folder and moved into place complete, like a single array.
/// </summary>
public static class ChannelGroupConverter
{
    /// <summary>The name of channel <paramref name="channel"/>'s array inside a group.</summary>
    public static string ArrayName(int channel) => "c" + channel.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<ConversionSummary> Convert(FrameSourceSet set, string destination, ConversionOptions options,
        IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (set is null) throw new ArgumentNullException(nameof(set));
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        options.Validate();
        destination = Path.GetFullPath(destination);
        if (!options.Overwrite && (Directory.Exists(destination) || File.Exists(destination)))
            throw new ZarrDestinationExistsException(destination);
        if (options.Overwrite) ZarrDestination.EnsureReplaceable(destination);
        string staging = StagingFolder.Create(destination);
        try
        {
            var staged = new List<ConversionSummary>();
            var channels = new JsonArray();
            ConversionOptions channelOptions = options.Copy();
            channelOptions.Overwrite = false;
            for (int i = 0; i < set.Sources.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string name = ArrayName(set.Channels[i]);
                staged.Add(PhotonConverter.Convert(set.Sources[i], Path.Combine(staging, name), channelOptions, progress, cancellationToken));
                channels.Add(new JsonObject { ["path"] = name, ["channel"] = set.Channels[i], ["mode"] = staged[i].Mode.ToString() });
            }
            var attributes = new JsonObject
            {
                ["photoncodec"] = new JsonObject { ["layout"] = "channels", ["version"] = 1 },
                ["channels"] = channels,
                ["source"] = JsonValues.From(StackMetadata(set.Sources[0].Metadata)),
            };
            File.WriteAllText(Path.Combine(staging, ".zgroup"), "{\n    \"zarr_format\": 2\n}", new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(staging, ".zattrs"), attributes.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
            StagedFileSystemStore.MoveIntoPlace(staging, destination, options.Overwrite);
            var result = new List<ConversionSummary>(staged.Count);
            for (int i = 0; i < staged.Count; i++) result.Add(Relocated(staged[i], Path.Combine(destination, ArrayName(set.Channels[i]))));
            return result;
        }
        finally
        {
            try { StagingFolder.Delete(staging); }
            catch (IOException) { }
        }
    }

    /// <summary>The stack's provenance without the per-channel keys.</summary>
    private static Dictionary<string, object?> StackMetadata(IReadOnlyDictionary<string, object?> channelMetadata)
    {
        Dictionary<string, object?> m = MetadataCopy.Of(channelMetadata);
        m.Remove("channel");
        return m;
    }

    private static ConversionSummary Relocated(ConversionSummary s, string destination) => new()
    {
        Source = s.Source,
        Destination = destination,
        Mode = s.Mode,
        Frames = s.Frames,
        Height = s.Height,
        Width = s.Width,
        PixelType = s.PixelType,
        StoredType = s.StoredType,
        InputBytes = s.InputBytes,
        ChunkBytes = s.ChunkBytes,
        StoredBytes = s.StoredBytes,
        Parameters = s.Parameters,
        Estimate = s.Estimate,
        Seconds = s.Seconds,
    };
}
