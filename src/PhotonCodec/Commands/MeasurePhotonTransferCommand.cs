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
public sealed class MeasurePhotonTransferCommand : PhotonCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";
    private const string FrameSet = "Frames";
    private readonly List<ReadOnlyMemory<byte>> _frames = new();
    private Frame? _firstFrame;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
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
        ForEachInput(literal ? LiteralPath : Path, literal, 5, "Measure-PhotonTransfer", (path, progress) =>
        {
            using IFrameSource source = Open(path);
            var fraction = new FractionProgress(progress, "Estimating photon transfer", source.FrameCount);
            Emit(path, PhotonTransferEstimator.Estimate(source, MaxPairs, CancellationToken, fraction));
        });
    }

    protected override void EndProcessing()
    {
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

    private static IFrameSource Open(string path)
    {
        if (!Directory.Exists(path)) return TiffFrameSource.Open(path);
        PhotonArchive archive = PhotonArchive.Open(path);
        if (archive.Mode is CodecMode.Quantized or CodecMode.Float)
            throw new PhotonInputException($"'{path}' was written in {archive.Mode} mode; measure the photon transfer on the source movie or on a Lossless archive.");
        return new ArchiveFrameSource(archive);
    }

    private void Emit(string path, PhotonTransferEstimate e)
    {
        string? plot = null;
        if (PlotPath is not null)
        {
            plot = ResolveOutputPath(PlotPath);
            if (Directory.Exists(plot))
                plot = System.IO.Path.Combine(plot, System.IO.Path.GetFileNameWithoutExtension(path) + ".photon-transfer.svg");
            File.WriteAllText(plot, PhotonTransferPlot.ToSvg(e, System.IO.Path.GetFileName(path)));
        }
        foreach (string w in e.Warnings) WriteWarning($"{path}: {w}");
        if (plot is not null) WriteVerbose($"{path}: photon-transfer curve written to {plot}.");
        WriteObject(new PhotonTransfer
        {
            Path = path,
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
