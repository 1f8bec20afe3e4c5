using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using PhotonCodec.Core;
using PhotonCodec.Core.Calibration;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Infrastructure;

namespace PhotonCodec.Commands;

[Cmdlet(VerbsDiagnostic.Measure, "PhotonTransfer", DefaultParameterSetName = PathSet)]
[OutputType(typeof(PhotonTransfer))]
public sealed class MeasurePhotonTransferCommand : PhotonSourceCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string FrameSet = "Frames";
    private readonly List<ReadOnlyMemory<byte>> _frames = new();
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _plotsWritten = new(StringComparer.Ordinal);
    private Frame? _firstFrame;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>Frames from Get-PhotonFrame, in order.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FrameSet, ValueFromPipeline = true)]
    public Frame[] InputObject { get; set; } = Array.Empty<Frame>();

    /// <summary>Frame pairs sampled, spread over the movie.</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int MaxPairs { get; set; } = 200;

    /// <summary>Writes the photon-transfer curve as SVG here (a folder receives &lt;name&gt;.photon-transfer.svg per input).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PlotPath { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == FrameSet)
        {
            foreach (Frame f in InputObject)
            {
                if (IsEncoded(f))
                {
                    // Decoded Quantized or Float frames no longer carry the detector's noise: refuse them as the path form does.
                    if (_refused.Add(f.Path))
                        WriteError(ErrorRecords.Create(new PhotonInputException(EncodedArchiveMessage(f.Path, f.Mode)), ErrorIds.UnsupportedInput, ErrorCategory.InvalidData, f.Path));
                    continue;
                }
                _firstFrame ??= f;
                if (f.Height != _firstFrame.Height || f.Width != _firstFrame.Width || f.DType != _firstFrame.DType)
                {
                    WriteError(ErrorRecords.Create(new PhotonInputException($"Frame {f.Index} is {f.Height}×{f.Width} {f.DType}; the first was {_firstFrame.Height}×{_firstFrame.Width} {_firstFrame.DType}."),
                        ErrorIds.UnsupportedInput, ErrorCategory.InvalidData, f));
                    continue;
                }
                var bytes = new byte[Buffer.ByteLength(f.Pixels)];
                Buffer.BlockCopy(f.Pixels, 0, bytes, 0, bytes.Length);
                _frames.Add(bytes);
            }
            return;
        }
        bool literal = ParameterSetName == LiteralPathSet;
        ForEachSourceInput(literal ? LiteralPath : Path, literal, 5, "Measure-PhotonTransfer", (path, progress) =>
        {
            using FrameSourceSet input = Open(path);
            for (int i = 0; i < input.Sources.Count; i++)
            {
                IFrameSource source = input.Sources[i];
                var fraction = new FractionProgress(progress, "Estimating photon transfer", source.FrameCount);
                Emit(path, PhotonTransferEstimator.Estimate(source, MaxPairs, CancellationToken, fraction), input.IsGroup ? input.Channels[i] : null);
            }
        });
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        if (ParameterSetName != FrameSet || _firstFrame is null) return;
        try
        {
            PixelType type = PixelTypeInfo.FromNumpyName(_firstFrame.DType);
            PhotonTransferEstimate estimate = PhotonTransferEstimator.Estimate(type, _firstFrame.Height, _firstFrame.Width, _frames, MaxPairs);
            Emit(_firstFrame.Path, estimate);
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteItemError(ex, _firstFrame.Path);
        }
    }

    private FrameSourceSet Open(string path)
    {
        if (AsSequence || !Directory.Exists(path)) return OpenSource(path);
        PhotonArchive archive = PhotonArchive.Open(path);
        if (archive.Mode is CodecMode.Quantized or CodecMode.Float)
            throw new PhotonInputException(EncodedArchiveMessage(path, archive.Mode.ToString()!));
        return FrameSourceSet.Of(new ArchiveFrameSource(archive));
    }

    private static bool IsEncoded(Frame f) =>
        f.Mode == nameof(CodecMode.Quantized) || f.Mode == nameof(CodecMode.Float);

    private static string EncodedArchiveMessage(string path, string mode) =>
        $"'{path}' was written in {mode} mode; measure the photon transfer on the source movie or on a Lossless archive.";

    protected override void BeginProcessing()
    {
        // One file cannot hold the curves of several inputs: refuse before any work when the command line names several.
        string[] named = MyInvocation.BoundParameters.ContainsKey(nameof(LiteralPath)) ? LiteralPath
            : MyInvocation.BoundParameters.ContainsKey(nameof(Path)) ? Path : Array.Empty<string>();
        if (PlotPath is not null && !AsSequence && !IsPlotFolder(ResolveOutputPath(PlotPath))
            && (named.Length > 1 || (named.Length == 1 && named == Path && WildcardPattern.ContainsWildcardCharacters(named[0]))))
            ThrowTerminatingError(ErrorRecords.Create(
                new ArgumentException($"-PlotPath '{PlotPath}' is one file, but several inputs may be measured; give -PlotPath a folder (one <name>.photon-transfer.svg per input)."),
                ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument, PlotPath));
    }

    /// <summary>An existing folder, or a path that does not end in .svg: it receives one file per input.</summary>
    private static bool IsPlotFolder(string resolved) =>
        Directory.Exists(resolved) || !resolved.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the curve; a failure is an error of its own and never costs the estimate.</summary>
    private string? WritePlot(string path, PhotonTransferEstimate e, int? channel)
    {
        string plot = ResolveOutputPath(PlotPath!);
        try
        {
            if (IsPlotFolder(plot))
            {
                Directory.CreateDirectory(plot);
                plot = System.IO.Path.Combine(plot, System.IO.Path.GetFileNameWithoutExtension(path) + (channel is int c ? $".c{c}" : "") + ".photon-transfer.svg");
            }
            else
            {
                if (channel is int c) plot = System.IO.Path.ChangeExtension(plot, $".c{c}" + System.IO.Path.GetExtension(plot)); // one curve per channel
                if (_plotsWritten.TryGetValue(plot, out string? earlier))
                    throw new ArgumentException($"-PlotPath '{plot}' already holds the curve of '{earlier}' from this command; give -PlotPath a folder to get one file per input.");
                string? folder = System.IO.Path.GetDirectoryName(plot);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            }
            File.WriteAllText(plot, PhotonTransferPlot.ToSvg(e, System.IO.Path.GetFileName(path)));
            _plotsWritten[plot] = path;
            return plot;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            var (id, category) = ex is ArgumentException ? (ErrorIds.InvalidParameter, ErrorCategory.InvalidArgument) : ErrorRecords.Classify(ex);
            WriteError(ErrorRecords.Create(new IOException($"{path}: the photon-transfer curve was not written to '{plot}': {ex.Message}", ex), id, category, plot));
            return null;
        }
    }

    private void Emit(string path, PhotonTransferEstimate e, int? channel = null)
    {
        string? plot = PlotPath is null ? null : WritePlot(path, e, channel);
        foreach (string w in e.Warnings) WriteWarning($"{path}: {w}");
        if (plot is not null) WriteVerbose($"{path}: photon-transfer curve written to {plot}.");
        WriteObject(new PhotonTransfer
        {
            Path = path,
            Channel = channel,
            Gain = e.Gain,
            ZeroLevel = e.ZeroLevel,
            ReadNoise = e.ReadNoise,
            GainStdError = e.GainStdError,
            GainHalves = e.GainHalves,
            FitR2 = e.FitR2,
            LevelsUsed = e.LevelsUsed,
            FramesUsed = e.FramesUsed,
            Method = e.Method,
            Warnings = e.Warnings,
            PlotPath = plot,
        });
    }
}
