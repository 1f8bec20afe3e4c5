using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using PhotonCodec.Core.Pipeline;

namespace PhotonCodec.Infrastructure;

/// <summary>
/// Adapts the Core's progress to Write-Progress: only from the thread that created it (the pipeline thread;
/// the Core reports from its reading loop there), at most every 200 ms, and always the first and last report.
/// </summary>
public sealed class ThrottledProgress : IProgress<ConversionProgress>
{
    private static readonly long Interval = Stopwatch.Frequency / 5;
    private readonly Cmdlet _cmdlet;
    private readonly int _threadId = Environment.CurrentManagedThreadId;
    private readonly ProgressRecord _record;
    private long _last = long.MinValue;

    internal ThrottledProgress(Cmdlet cmdlet, int activityId, string activity, int parentId)
    {
        _cmdlet = cmdlet;
        _record = new ProgressRecord(activityId, activity, "Starting") { ParentActivityId = parentId };
    }

    public string Activity { get => _record.Activity; set => _record.Activity = value; }

    public void Report(ConversionProgress value)
    {
        if (Environment.CurrentManagedThreadId != _threadId) return;
        long now = Stopwatch.GetTimestamp();
        bool final = value.FramesDone >= value.FrameCount;
        if (!final && now - Interlocked.Read(ref _last) < Interval) return;
        _last = now;
        _record.StatusDescription = $"{value.Stage}: frame {value.FramesDone} of {value.FrameCount}";
        _record.PercentComplete = value.FrameCount > 0 ? (int)Math.Min(100, 100 * value.FramesDone / value.FrameCount) : -1;
        _record.RecordType = ProgressRecordType.Processing;
        _cmdlet.WriteProgress(_record);
    }

    /// <summary>Reports a free-text status (throttled the same way).</summary>
    public void Status(string text, int percent = -1)
    {
        if (Environment.CurrentManagedThreadId != _threadId) return;
        _record.StatusDescription = text;
        _record.PercentComplete = percent;
        _record.RecordType = ProgressRecordType.Processing;
        _cmdlet.WriteProgress(_record);
        _last = Stopwatch.GetTimestamp();
    }

    /// <summary>Reports a fraction of the work as frames (for Core operations that count in fractions).</summary>
    public IProgress<double> AsFraction(long frames, string stage) => new FractionAdapter(this, frames, stage);

    private sealed class FractionAdapter : IProgress<double>
    {
        private readonly ThrottledProgress _owner;
        private readonly long _frames;
        private readonly string _stage;

        public FractionAdapter(ThrottledProgress owner, long frames, string stage) => (_owner, _frames, _stage) = (owner, frames, stage);

        public void Report(double value) => _owner.Report(new ConversionProgress(_stage, (long)(value * _frames), _frames));
    }

    public void Complete()
    {
        if (Environment.CurrentManagedThreadId != _threadId) return;
        _record.RecordType = ProgressRecordType.Completed;
        _record.PercentComplete = 100;
        _cmdlet.WriteProgress(_record);
    }
}
