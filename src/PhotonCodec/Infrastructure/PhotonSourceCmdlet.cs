using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PhotonCodec.Core;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Infrastructure;

/// <summary>
/// The input-selection parameters of every cmdlet that reads movies (-Dataset, -Channel, -Plane, -AsSequence,
/// -RawShape, -RawDType, -RawByteOrder) and the one way they open an input: <see cref="OpenSource"/> through the
/// Core's <see cref="FrameSourceFactory"/>. With -AsSequence the inputs of the whole pipeline are collected and
/// processed as one movie when it ends.
/// </summary>
public abstract class PhotonSourceCmdlet : PhotonCmdlet
{
    private readonly List<string> _sequenceInputs = new();
    private (int ActivityId, string CmdletName, Action<string, ThrottledProgress> Work)? _sequenceWork;

    /// <summary>HDF5 dataset or NWB series to read.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Dataset { get; set; }

    /// <summary>Channel of a multi-channel stack (0-based); without it every channel is read as its own movie.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Channel { get; set; }

    /// <summary>Plane (z-slice, position) of a multi-plane stack (0-based).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Plane { get; set; }

    /// <summary>Reads all inputs (folders, wildcards, piped files) as one movie of single-page TIFFs.</summary>
    [Parameter]
    public SwitchParameter AsSequence { get; set; }

    /// <summary>Raw binary shape T,H,W (or H,W: T from the file size).</summary>
    [Parameter]
    [ValidateCount(2, 3)]
    [ValidateRange(1L, long.MaxValue)]
    public long[]? RawShape { get; set; }

    /// <summary>Raw binary element type.</summary>
    [Parameter]
    [ValidateSet("uint8", "int8", "uint16", "int16", "uint32", "int32", "uint64", "int64", "float32", "float64")]
    public string? RawDType { get; set; }

    /// <summary>Raw binary byte order.</summary>
    [Parameter]
    [ValidateSet("LittleEndian", "BigEndian")]
    public string RawByteOrder { get; set; } = "LittleEndian";

    /// <summary>The selection as the Core takes it.</summary>
    protected SourceOptions SourceSelection => new()
    {
        Dataset = Dataset,
        Channel = Channel,
        Plane = Plane,
        RawShape = RawShape,
        RawDType = RawDType is null ? null : PixelTypeInfo.FromNumpyName(RawDType),
        RawBigEndian = RawByteOrder == "BigEndian",
    };

    /// <summary>Opens <paramref name="path"/> (with -AsSequence: the collected sequence, named by <paramref name="path"/>).</summary>
    protected FrameSourceSet OpenSource(string path) => AsSequence
        ? FrameSourceFactory.OpenSequence(path, _sequenceInputs, SourceSelection)
        : FrameSourceFactory.Open(path, SourceSelection);

    /// <summary>
    /// Like <see cref="PhotonCmdlet.ForEachInput"/>; with -AsSequence the resolved inputs are only collected, and
    /// <paramref name="work"/> runs once in EndProcessing for the whole sequence, named by its folder.
    /// </summary>
    protected void ForEachSourceInput(string[]? paths, bool literal, int activityId, string cmdletName, Action<string, ThrottledProgress> work)
    {
        if (!AsSequence)
        {
            ForEachInput(paths, literal, activityId, cmdletName, work);
            return;
        }
        _sequenceInputs.AddRange(ResolveInputPaths(paths, literal));
        _sequenceWork = (activityId, cmdletName, work);
    }

    protected override void EndProcessing()
    {
        if (_sequenceWork is not { } pending || _sequenceInputs.Count == 0) return;
        string name = SequenceName();
        ThrottledProgress progress = NewProgress(pending.ActivityId, $"{pending.CmdletName} {Path.GetFileName(name)} (sequence)");
        try
        {
            pending.Work(name, progress);
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not PipelineStoppedException)
        {
            WriteItemError(ex, name);
        }
        finally
        {
            progress.Complete();
        }
    }

    /// <summary>A single folder names the sequence; files name it by the folder that holds the first of them.</summary>
    private string SequenceName()
    {
        if (_sequenceInputs.Count == 1 && Directory.Exists(_sequenceInputs[0])) return _sequenceInputs[0].TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        string first = FrameSourceFactory.SequenceFiles(_sequenceInputs).FirstOrDefault() ?? _sequenceInputs[0];
        return Path.GetDirectoryName(first) ?? first;
    }
}
