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
    private readonly int _activityId;
    private readonly int _parentId;
    private long _last = Stopwatch.GetTimestamp() - Interval; // so the first report passes (long.MinValue overflowed the subtraction below)

    internal ThrottledProgress(Cmdlet cmdlet, int activityId, string activity, int parentId)
    {
        _cmdlet = cmdlet;
        _activityId = activityId;
        _parentId = parentId;
        Activity = activity;
    }

    public string Activity { get; set; }

    // A new record each time: hosts that keep records (Streams.Progress, jobs) must not see earlier ones rewritten.
    private void Write(string status, int percent, ProgressRecordType type) =>
        _cmdlet.WriteProgress(new ProgressRecord(_activityId, Activity, status)
        {
            ParentActivityId = _parentId,
            PercentComplete = percent,
            RecordType = type,
        });

    public void Report(ConversionProgress value)
    {
        if (Environment.CurrentManagedThreadId != _threadId) return;
        long now = Stopwatch.GetTimestamp();
        bool final = value.FramesDone >= value.FrameCount;
        if (!final && now - Interlocked.Read(ref _last) < Interval) return;
        _last = now;
        Write($"{value.Stage}: frame {value.FramesDone} of {value.FrameCount}",
            value.FrameCount > 0 ? (int)Math.Min(100, 100 * value.FramesDone / value.FrameCount) : -1, ProgressRecordType.Processing);
    }

    public void Complete()
    {
        if (Environment.CurrentManagedThreadId != _threadId) return;
        Write("Done", 100, ProgressRecordType.Completed);
    }
}
