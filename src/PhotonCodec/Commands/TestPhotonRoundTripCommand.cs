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

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Source")]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>The archive made from the source. Without it the source is converted in memory with -Mode and checked.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
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
        ForEachInput(literal ? LiteralPath : Path, literal, 3, "Test-PhotonRoundTrip", (source, progress) =>
        {
            RoundTripReport report = ZarrPath is null ? InMemory(source, progress) : AgainstArchive(source, ResolveOutputPath(ZarrPath), progress);
            if (Detailed) WriteObject(report);
            else WriteObject(report.Passed);
        });
    }

    private RoundTripReport AgainstArchive(string source, string zarrPath, ThrottledProgress progress)
    {
        PhotonArchive archive = PhotonArchive.Open(zarrPath);
        using TiffFrameSource tiff = TiffFrameSource.Open(source);
        var bounds = new RoundTripBounds(archive.Mode ?? CodecMode.Lossless, archive.Parameters, MaxErrorSigma);
        try
        {
            RoundTripStatistics stats = RoundTripVerifier.Compare(tiff, archive, progress, CancellationToken);
            return Report(source, zarrPath, archive.Mode ?? CodecMode.Lossless, tiff.FrameCount, stats, bounds);
        }
        catch (PhotonInputException ex)
        {
            return new RoundTripReport { Passed = false, Path = source, ZarrPath = zarrPath, Mode = (archive.Mode ?? CodecMode.Lossless).ToString(), Reason = ex.Message };
        }
    }

    private RoundTripReport InMemory(string source, ThrottledProgress progress)
    {
        using TiffFrameSource tiff = TiffFrameSource.Open(source);
        ConversionOptions options = PhotonOptions(Mode);
        CompressionMeasurement m = PhotonConverter.Measure(tiff, options, progress, CancellationToken);
        var bounds = new RoundTripBounds(Mode, m.Parameters, MaxErrorSigma);
        return Report(source, null, Mode, tiff.FrameCount, m.Errors, bounds);
    }

    private static RoundTripReport Report(string source, string? zarrPath, CodecMode mode, int frames, RoundTripStatistics s, RoundTripBounds bounds)
    {
        IntensityDecile[] deciles = s.Deciles();
        string? failure = bounds.Check(s, deciles);
        return new RoundTripReport
        {
            Passed = failure is null,
            Path = source,
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
