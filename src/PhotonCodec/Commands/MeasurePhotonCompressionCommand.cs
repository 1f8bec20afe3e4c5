using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PhotonCodec.Core;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;
using PhotonCodec.Infrastructure;

namespace PhotonCodec.Commands;

[Cmdlet(VerbsDiagnostic.Measure, "PhotonCompression", DefaultParameterSetName = PathSet)]
[OutputType(typeof(CompressionReport), typeof(ChunkStatistics), typeof(ArchiveSummary))]
public sealed class MeasurePhotonCompressionCommand : PhotonParameterCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Modes to measure on a TIFF (default: all three).</summary>
    [Parameter]
    public CodecMode[]? Mode { get; set; }

    /// <summary>Adds the seed's &lt;zarr@&gt; baseline (raw integers, same Blosc settings) and each mode's gain over it.</summary>
    [Parameter]
    public SwitchParameter Baseline { get; set; }

    /// <summary>On a .zarr: one object per chunk file instead of a summary.</summary>
    [Parameter]
    public SwitchParameter PerChunk { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int ChunkFrames { get; set; }

    [Parameter]
    [ValidateRange(1, 9)]
    public int CompressionLevel { get; set; } = 5;

    [Parameter]
    public ArchiveProfile Profile { get; set; } = ArchiveProfile.Default;

    protected override void ProcessRecord()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        ForEachSourceInput(literal ? LiteralPath : Path, literal, 4, "Measure-PhotonCompression", (path, progress) =>
        {
            if (!AsSequence && Directory.Exists(path))
            {
                WarnIgnored(new[] { nameof(Baseline), nameof(Mode), nameof(ChunkFrames), nameof(CompressionLevel), nameof(Beta), nameof(Gain), nameof(ZeroLevel), nameof(ReadNoise) },
                    "a .zarr (it is measured as stored)");
                MeasureArchive(path);
                return;
            }
            WarnIgnored(new[] { nameof(PerChunk) }, "a movie (only to a .zarr)");
            if (Mode is { Length: > 0 } && Mode.All(m => m == CodecMode.Lossless)) WarnUnusedPhotonParameters(CodecMode.Lossless);
            using FrameSourceSet input = OpenSource(path);
            for (int i = 0; i < input.Sources.Count; i++) MeasureTiff(path, input.Sources[i], input.IsGroup ? input.Channels[i] : null, progress);
        });
    }

    private void MeasureTiff(string path, IFrameSource tiff, int? channel, ThrottledProgress progress)
    {
        IEnumerable<CodecMode> modes = (Mode is { Length: > 0 } ? Mode : new[] { CodecMode.Quantized, CodecMode.Lossless, CodecMode.Float }).Distinct();
        double? gain = Gain, zero = ZeroLevel, readNoise = ReadNoise;
        long? baselineBytes = null;
        var reports = new List<CompressionReport>();
        if (Baseline)
        {
            CompressionMeasurement b = Measure(tiff, CodecMode.Lossless, gain, zero, readNoise, progress);
            baselineBytes = b.StoredBytes;
            WriteObject(ToReport(path, channel, "Baseline", b, baselineBytes));
        }
        foreach (CodecMode mode in modes)
        {
            // Max predicts integers: Float mode (and the Baseline row) stay in the default profile.
            ArchiveProfile profile = mode == CodecMode.Float ? ArchiveProfile.Default : Profile;
            CompressionMeasurement m = Measure(tiff, mode, gain, zero, readNoise, progress, profile);
            EstimateReporting.Report(this, path, m.Estimate);
            foreach (string warning in m.Warnings) WriteWarning($"{path}: {warning}");
            // Estimate once: the parameters found for one mode serve the next.
            if (m.Parameters is not null) (gain, zero, readNoise) = (m.Parameters.Gain, m.Parameters.ZeroLevel, m.Parameters.ReadNoise);
            WriteObject(ToReport(path, channel, profile == ArchiveProfile.Max ? $"{mode} Max" : mode.ToString(), m, baselineBytes));
        }
    }

    private CompressionMeasurement Measure(IFrameSource source, CodecMode mode, double? gain, double? zero, double? readNoise, ThrottledProgress progress,
        ArchiveProfile profile = ArchiveProfile.Default)
    {
        progress.Activity = $"Measure-PhotonCompression {System.IO.Path.GetFileName(source.Description)} ({mode})";
        ConversionOptions options = PhotonOptions(mode);
        (options.Gain, options.ZeroLevel, options.ReadNoise) = (gain, zero, readNoise);
        options.ChunkFrames = ChunkFrames > 0 ? ChunkFrames : null;
        options.CompressionLevel = CompressionLevel;
        options.Profile = profile;
        return PhotonConverter.Measure(source, options, progress, CancellationToken);
    }

    private static CompressionReport ToReport(string path, int? channel, string mode, CompressionMeasurement m, long? baselineBytes) => new()
    {
        Path = path,
        Channel = channel,
        Mode = mode,
        InputBytes = m.InputBytes,
        StoredBytes = m.StoredBytes,
        Ratio = m.Ratio,
        BitsPerPixel = m.BitsPerPixel,
        EntropyBitsPerPixel = m.EntropyBitsPerPixel,
        MaxAbsError = m.Errors.MaxAbsError,
        MaxErrorSigma = m.Errors.MismatchedPixels == 0 ? 0 : m.Errors.MaxErrorSigma,
        RmsErrorSigma = m.Errors.RmsErrorSigma,
        Gain = m.Parameters?.Gain,
        ZeroLevel = m.Parameters?.ZeroLevel,
        ReadNoise = m.Parameters?.ReadNoise,
        Beta = m.Mode == CodecMode.Quantized ? m.Parameters?.Beta : null,
        GainOverBaseline = baselineBytes is long b && m.StoredBytes > 0 ? (double)b / m.StoredBytes : null,
    };

    private void MeasureArchive(string path)
    {
        PhotonArchive archive = PhotonArchive.Open(path);
        var chunks = ArchiveInspector.Chunks(archive).ToList();
        if (PerChunk)
        {
            foreach (ArchiveChunk c in chunks)
            {
                WriteObject(new ChunkStatistics
                {
                    Path = path,
                    ChunkIndex = c.ChunkIndex,
                    FirstFrame = c.FirstFrame,
                    Frames = c.Frames,
                    StoredBytes = c.StoredBytes,
                    DecodedBytes = c.DecodedBytes,
                    Ratio = c.StoredBytes > 0 ? (double)c.DecodedBytes / c.StoredBytes : 0,
                    BitsPerPixel = c.Frames > 0 ? 8.0 * c.StoredBytes / ((long)c.Frames * archive.FramePixels) : 0,
                    Problem = c.Problem ?? "",
                });
                if (c.Missing) WriteMissingChunk(path, c);
                else if (c.Problem is not null) WriteWarning($"{path}: chunk {c.ChunkIndex} (frames {c.FirstFrame}..{c.FirstFrame + c.Frames - 1}) is corrupt: {c.Problem}");
            }
            return;
        }
        foreach (ArchiveChunk c in chunks.Where(c => c.Problem is not null))
        {
            if (c.Missing) WriteMissingChunk(path, c);
            else WriteError(ErrorRecords.Create(new InvalidDataException($"'{path}': chunk {c.ChunkIndex} (frames {c.FirstFrame}..{c.FirstFrame + c.Frames - 1}) is corrupt: {c.Problem}"),
                ErrorIds.CorruptChunk, ErrorCategory.InvalidData, path));
        }
        // Without its missing chunks an archive would measure smaller, i.e. a better ratio than it has: no summary.
        if (chunks.Any(c => c.Missing)) return;
        long stored = chunks.Sum(c => c.StoredBytes), decoded = chunks.Sum(c => c.DecodedBytes);
        WriteObject(new ArchiveSummary
        {
            Path = path,
            Mode = archive.Mode?.ToString() ?? "Zarr",
            Frames = archive.FrameCount,
            Height = archive.Height,
            Width = archive.Width,
            DType = archive.OriginalType.NumpyName(),
            StoredDType = archive.StoredType.NumpyName(),
            Chunks = chunks.Count,
            DecodedBytes = decoded,
            StoredBytes = stored,
            Ratio = stored > 0 ? (double)decoded / stored : 0,
            BitsPerPixel = archive.FrameCount > 0 ? 8.0 * stored / ((long)archive.FrameCount * archive.FramePixels) : 0,
        });
    }

    private void WriteMissingChunk(string path, ArchiveChunk c) =>
        WriteError(ErrorRecords.Create(new MissingChunkException(path, (int)c.FirstFrame, (int)(c.FirstFrame + c.Frames - 1),
            $"'{path}': chunk {c.ChunkIndex} (frames {c.FirstFrame}..{c.FirstFrame + c.Frames - 1}) is missing: {c.Problem}; the archive is incomplete."),
            ErrorIds.MissingChunk, ErrorCategory.InvalidData, path));
}
