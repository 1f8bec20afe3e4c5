using System;
using System.Management.Automation;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Infrastructure;

namespace PhotonCodec.Commands;

[Cmdlet(VerbsDiagnostic.Test, "PhotonRoundTrip", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool))]
[OutputType(typeof(RoundTripReport))]
public sealed class TestPhotonRoundTripCommand : PhotonParameterCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "Source")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>
    /// The archive made from the source. Without it the source is converted in memory with -Mode and checked.
    /// Bound by property name (Destination) only with -LiteralPath: bound in the default set it would keep the binder
    /// there and a piped ConversionResult would reach the wildcard -Path as text.
    /// </summary>
    [Parameter(Position = 1, ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Destination")]
    public string? ZarrPath { get; set; }

    [Parameter]
    public CodecMode Mode { get; set; } = CodecMode.Quantized;

    /// <summary>Largest error allowed, in units of the noise σ (default: β in Quantized mode, 0 in exact modes).</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? MaxErrorSigma { get; set; }

    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override void ProcessRecord()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        ForEachSourceInput(literal ? LiteralPath : Path, literal, 3, "Test-PhotonRoundTrip", (source, progress) =>
        {
            if (ZarrPath is null) WarnUnusedPhotonParameters(Mode);
            else WarnIgnored(new[] { nameof(Mode), nameof(Beta), nameof(Gain), nameof(ZeroLevel), nameof(ReadNoise) }, "a check against an archive (its own mode and parameters are used)");
            using FrameSourceSet input = OpenSource(source);
            for (int i = 0; i < input.Sources.Count; i++)
            {
                int? channel = input.IsGroup ? input.Channels[i] : null;
                string? zarrPath = ZarrPath is null ? null : ChannelArchivePath(ResolveOutputPath(ZarrPath), channel);
                if (zarrPath == "") continue; // a channel array given: the other channels are not checked against it
                RoundTripReport report = zarrPath is null
                    ? InMemory(source, input.Sources[i], channel, progress)
                    : AgainstArchive(source, input.Sources[i], channel, zarrPath, progress);
                if (Detailed) WriteObject(report);
                else WriteObject(report.Passed);
            }
        });
    }

    /// <summary>
    /// The array to compare channel <paramref name="channel"/> with: the archive itself for a single movie, c&lt;N&gt;
    /// inside a channel group, or "" when <paramref name="zarrPath"/> is another channel's array of the group.
    /// </summary>
    private static string ChannelArchivePath(string zarrPath, int? channel)
    {
        if (channel is not int c) return zarrPath;
        string name = ChannelGroupConverter.ArrayName(c);
        if (System.IO.File.Exists(System.IO.Path.Combine(zarrPath, ".zgroup"))) return System.IO.Path.Combine(zarrPath, name);
        string leaf = System.IO.Path.GetFileName(zarrPath.TrimEnd('/', '\\'));
        return leaf == name ? zarrPath : leaf.StartsWith("c", StringComparison.Ordinal) && int.TryParse(leaf.Substring(1), out _) ? "" : zarrPath;
    }

    private RoundTripReport AgainstArchive(string source, IFrameSource tiff, int? channel, string zarrPath, ThrottledProgress progress)
    {
        PhotonArchive? archive = null;
        try
        {
            archive = PhotonArchive.Open(zarrPath);
            var bounds = new RoundTripBounds(archive.Mode ?? CodecMode.Lossless, archive.Parameters, MaxErrorSigma);
            // The archive says which source it was written from: a different file (one pixel changed) must not pass
            // against a quantized archive whose error bound would hide the change.
            string? sourceDiffers = null;
            if (ArchiveVerifier.RecordedSource(zarrPath) is not null && !ArchiveVerifier.MatchesSource(zarrPath, source, out string? why))
                sourceDiffers = why;
            RoundTripStatistics stats = RoundTripVerifier.Compare(tiff, archive, progress, CancellationToken);
            if (sourceDiffers is not null) WriteWarning($"{zarrPath}: {sourceDiffers}");
            return Report(source, channel, zarrPath, archive.Mode ?? CodecMode.Lossless, tiff.FrameCount, stats, bounds, sourceDiffers);
        }
        catch (Exception ex) when (ex is PhotonInputException || IsArchiveDamage(ex))
        {
            // An archive that cannot be opened or decoded does not round-trip: that is the answer ($false), not a missing one.
            string reason = ex is PhotonInputException ? ex.Message : $"The archive cannot be decoded: {ex.Message}";
            if (ex is not PhotonInputException) WriteWarning($"{zarrPath}: {reason}");
            CodecMode mode = archive?.Mode ?? CodecMode.Lossless;
            return new RoundTripReport { Passed = false, Path = source, Channel = channel, ZarrPath = zarrPath, Mode = mode.ToString(), Frames = tiff.FrameCount, Reason = reason };
        }
    }

    /// <summary>What a damaged archive throws (a bad chunk, a missing one, metadata that no longer parses), as opposed to a bad source or a defect.</summary>
    private static bool IsArchiveDamage(Exception ex) =>
        ErrorRecords.Classify(ex).Id is ErrorIds.CorruptChunk or ErrorIds.MissingChunk or ErrorIds.UnsupportedZarr
        || ex is ArgumentOutOfRangeException or OverflowException or IndexOutOfRangeException; // a chunk header with absurd sizes

    private RoundTripReport InMemory(string source, IFrameSource tiff, int? channel, ThrottledProgress progress)
    {
        ConversionOptions options = PhotonOptions(Mode);
        CompressionMeasurement m = PhotonConverter.Measure(tiff, options, progress, CancellationToken);
        var bounds = new RoundTripBounds(Mode, m.Parameters, MaxErrorSigma);
        return Report(source, channel, null, Mode, tiff.FrameCount, m.Errors, bounds);
    }

    /// <param name="sourceDiffers">why the source is not the one the archive records (null: it is, or none is recorded)</param>
    private static RoundTripReport Report(string source, int? channel, string? zarrPath, CodecMode mode, int frames, RoundTripStatistics s, RoundTripBounds bounds,
        string? sourceDiffers = null)
    {
        IntensityDecile[] deciles = s.Deciles();
        string? failure = bounds.Check(s, deciles);
        if (sourceDiffers is not null) failure = failure is null ? sourceDiffers : sourceDiffers + " " + failure;
        return new RoundTripReport
        {
            Passed = failure is null,
            Path = source,
            Channel = channel,
            ZarrPath = zarrPath,
            Mode = mode.ToString(),
            Frames = frames,
            MaxAbsError = s.MaxAbsError,
            MaxErrorSigma = s.MaxErrorSigma,
            RmsErrorSigma = s.RmsErrorSigma,
            MeanBiasPhotons = s.MeanBiasPhotons,
            MismatchedPixels = s.MismatchedPixels,
            FirstBadFrame = failure is null ? null : bounds.FirstBadFrame(s),
            AllowedErrorSigma = bounds.MaxErrorSigma,
            Reason = failure ?? "",
            WorstRmsVsDeclared = Worst(deciles, d => d.RmsVsDeclared),
            WorstBiasVsDeclared = Worst(deciles, d => d.BiasVsDeclared),
            WorstRmsVsMeasured = Worst(deciles, d => d.RmsVsMeasured),
            WorstBiasVsMeasured = Worst(deciles, d => d.BiasVsMeasured),
            Deciles = deciles,
        };
    }

    /// <summary>Largest |value| over the deciles that have one; null when none has (no deciles, or no noise figure).</summary>
    private static double? Worst(IntensityDecile[] deciles, Func<IntensityDecile, double> value)
    {
        double? worst = null;
        foreach (IntensityDecile d in deciles)
        {
            double v = Math.Abs(value(d));
            if (!double.IsNaN(v) && (worst is null || v > worst)) worst = v;
        }
        return worst;
    }
}
