using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using PhotonCodec.Core.Pipeline;

namespace PhotonCodec.Infrastructure;

/// <summary>
/// What one input of a concurrent batch produces while it runs on a worker thread: its outputs, warnings and errors
/// are kept (PowerShell accepts them only from the pipeline thread) and replayed there in input order; its progress
/// is the latest report, which the pipeline thread shows per file.
/// </summary>
public sealed class BatchItem : IProgress<ConversionProgress>
{
    private readonly List<Action> _deferred = new();
    private object? _latest; // a boxed ConversionProgress: written by the worker, read by the pipeline thread

    internal BatchItem(int index, string name)
    {
        Index = index;
        Name = name;
    }

    public int Index { get; }
    public string Name { get; }
    internal ManualResetEventSlim Done { get; } = new(false);
    internal bool Started { get; set; }
    internal bool ProgressShown { get; set; }
    internal ConversionProgress? Latest => Volatile.Read(ref _latest) as ConversionProgress?;
    internal IReadOnlyList<Action> Deferred => _deferred;

    /// <summary>Runs <paramref name="write"/> on the pipeline thread when this item's turn comes (WriteObject, WriteWarning …).</summary>
    public void Post(Action write) => _deferred.Add(write);

    public void Report(ConversionProgress value) => Volatile.Write(ref _latest, value);
}

/// <summary>
/// Runs the inputs of a batch on up to <c>throttle</c> worker threads and writes what they produce on the pipeline
/// thread in input order (item 3's output never before item 2's, even when it finishes first), with a progress record
/// per running file under one for the batch. A failure is that item's error and the others go on; Ctrl+C cancels every
/// running item and returns once all have stopped (each removes its own staging folder).
/// </summary>
internal static class BatchRunner
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static void Run(PhotonCmdlet cmdlet, IReadOnlyList<BatchItem> items, int throttle, Action<BatchItem> work,
        Action<BatchItem, Exception> fail, CancellationToken token, int activityId, string activity)
    {
        if (items.Count == 0) return;
        int next = -1;
        var workers = new List<Thread>();
        for (int w = 0; w < Math.Min(throttle, items.Count); w++)
        {
            var thread = new Thread(() =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < items.Count)
                {
                    BatchItem item = items[i];
                    try
                    {
                        if (token.IsCancellationRequested) continue;
                        item.Started = true;
                        work(item);
                    }
                    catch (OperationCanceledException) when (token.IsCancellationRequested)
                    {
                    }
                    catch (Exception ex)
                    {
                        fail(item, ex);
                    }
                    finally
                    {
                        item.Done.Set();
                    }
                }
            }) { IsBackground = true, Name = $"{activity} worker {w}" };
            workers.Add(thread);
            thread.Start();
        }
        try
        {
            for (int i = 0; i < items.Count && !token.IsCancellationRequested; i++)
            {
                WriteParent(cmdlet, items.Count, i, activityId, activity);
                while (!items[i].Done.Wait(Poll, CancellationToken.None))
                {
                    if (token.IsCancellationRequested) return;
                    WriteRunning(cmdlet, items, i, activityId);
                }
                if (token.IsCancellationRequested) return;
                foreach (Action write in items[i].Deferred) write();
                if (items[i].Started)
                {
                    // A file done between two polls still gets its record: every activity reports, then completes.
                    if (!items[i].ProgressShown) WriteChild(cmdlet, items[i], activityId, items[i].Latest ?? new ConversionProgress("Done", 1, 1));
                    cmdlet.WriteProgress(new ProgressRecord(ChildId(activityId, i), items[i].Name, "Done") { ParentActivityId = activityId, RecordType = ProgressRecordType.Completed });
                }
            }
            cmdlet.WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
        finally
        {
            foreach (Thread t in workers) t.Join();
        }
    }

    private static int ChildId(int activityId, int index) => activityId + 1 + index;

    /// <summary>The batch's own record, once per file written (the files' records carry the frames).</summary>
    private static void WriteParent(PhotonCmdlet cmdlet, int count, int written, int activityId, string activity) =>
        cmdlet.WriteProgress(new ProgressRecord(activityId, activity, $"{written} of {count} files done")
        {
            PercentComplete = (int)(100L * written / count),
        });

    private static void WriteRunning(PhotonCmdlet cmdlet, IReadOnlyList<BatchItem> items, int written, int activityId)
    {
        for (int i = written; i < items.Count; i++)
        {
            if (!items[i].Started || items[i].Done.IsSet || items[i].Latest is not { } p) continue;
            WriteChild(cmdlet, items[i], activityId, p);
        }
    }

    private static void WriteChild(PhotonCmdlet cmdlet, BatchItem item, int activityId, ConversionProgress p)
    {
        item.ProgressShown = true;
        cmdlet.WriteProgress(new ProgressRecord(ChildId(activityId, item.Index), item.Name, $"{p.Stage}: frame {p.FramesDone} of {p.FrameCount}")
        {
            ParentActivityId = activityId,
            PercentComplete = p.FrameCount > 0 ? (int)Math.Min(100, 100 * p.FramesDone / p.FrameCount) : -1,
        });
    }
}
