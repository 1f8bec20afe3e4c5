using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;

namespace PhotonCodec.Infrastructure;

/// <summary>
/// What every PhotonCodec cmdlet shares: path resolution through the provider (wildcards for -Path,
/// exact for -LiteralPath, relative to $PWD), per-item errors with stable ids, throttled progress, and
/// a CancellationToken that Ctrl+C (StopProcessing) cancels.
/// </summary>
public abstract class PhotonCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    protected CancellationToken CancellationToken => _stop.Token;

    protected override void StopProcessing() => _stop.Cancel();

    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// File-system paths for -Path (wildcards expanded) or -LiteralPath (taken as written). A pattern that matches
    /// nothing and a literal path that does not exist are per-item errors (PhotonCodec.InputNotFound).
    /// </summary>
    protected IEnumerable<string> ResolveInputPaths(string[]? paths, bool literal)
    {
        if (paths is null) yield break;
        foreach (string path in paths)
        {
            List<string> resolved = new();
            try
            {
                if (literal)
                {
                    string full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
                    if (File.Exists(full) || Directory.Exists(full)) resolved.Add(full);
                }
                else
                {
                    resolved.AddRange(SessionState.Path.GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider));
                    if (provider.Name != "FileSystem")
                    {
                        WriteError(ErrorRecords.Create(new ArgumentException($"'{path}' is not a file-system path."), ErrorIds.InputNotFound, ErrorCategory.InvalidArgument, path));
                        continue;
                    }
                }
            }
            catch (ItemNotFoundException)
            {
                resolved.Clear();
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or ProviderNotFoundException or System.Management.Automation.DriveNotFoundException)
            {
                WriteError(ErrorRecords.Create(ex, ErrorIds.InputNotFound, ErrorCategory.InvalidArgument, path));
                continue;
            }
            if (resolved.Count == 0)
            {
                string message = literal || !WildcardPattern.ContainsWildcardCharacters(path)
                    ? $"Cannot find path '{path}' because it does not exist."
                    : $"No file matches the pattern '{path}'.";
                // -Path reads [ ] as a wildcard character class; a file named with brackets needs -LiteralPath.
                if (!literal && path.IndexOfAny(new[] { '[', ']' }) >= 0)
                    message += $" -Path treats [ and ] as wildcards; for a name that contains them use -LiteralPath '{path}'.";
                WriteError(ErrorRecords.Create(new FileNotFoundException(message, path), ErrorIds.InputNotFound, ErrorCategory.ObjectNotFound, path));
                continue;
            }
            foreach (string p in resolved) yield return p;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> for each resolved input with its own progress record: a failure becomes that
    /// input's error record and the batch goes on; Ctrl+C ends the loop quietly.
    /// </summary>
    protected void ForEachInput(string[]? paths, bool literal, int activityId, string cmdletName, Action<string, ThrottledProgress> work)
    {
        foreach (string path in ResolveInputPaths(paths, literal))
        {
            if (CancellationToken.IsCancellationRequested) return;
            ThrottledProgress progress = NewProgress(activityId, $"{cmdletName} {Path.GetFileName(path)}");
            try
            {
                work(path, progress);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteItemError(ex, path);
            }
            finally
            {
                progress.Complete();
            }
        }
    }

    private readonly HashSet<string> _ignoredWarned = new(StringComparer.Ordinal);

    /// <summary>
    /// Warns, once per command and parameter, that parameters the user typed do not apply (e.g. -FloatType in
    /// Quantized mode): "-FloatType does not apply to Quantized mode and is ignored."
    /// </summary>
    protected void WarnIgnored(IEnumerable<string> parameters, string context)
    {
        var typed = new List<string>();
        foreach (string p in parameters)
            if (MyInvocation.BoundParameters.ContainsKey(p) && _ignoredWarned.Add(p + "|" + context)) typed.Add("-" + p);
        if (typed.Count == 0) return;
        WriteWarning(typed.Count == 1
            ? $"{typed[0]} does not apply to {context} and is ignored."
            : $"{string.Join(", ", typed)} do not apply to {context} and are ignored.");
    }

    /// <summary>An output path (need not exist) resolved against $PWD.</summary>
    protected string ResolveOutputPath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>Writes a per-item error classified from the exception (stable id, fitting category), target = the item.</summary>
    protected void WriteItemError(Exception exception, object target) => WriteError(ErrorRecords.FromException(exception, target));

    /// <summary>Progress sink for the Core: reports from the pipeline thread only, at most a few times a second.</summary>
    protected ThrottledProgress NewProgress(int activityId, string activity, int parentId = -1) =>
        new(this, activityId, activity, parentId);
}
