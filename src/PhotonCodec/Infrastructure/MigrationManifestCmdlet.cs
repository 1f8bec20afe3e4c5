using System;
using System.Collections.Generic;
using System.Management.Automation;
using PhotonCodec.Core.Pipeline.Migration;

namespace PhotonCodec.Infrastructure;

/// <summary>What the cmdlets that read a migration manifest share: -Path (alias -Manifest) / -LiteralPath and -ReportPath.</summary>
public abstract class MigrationManifestCmdlet : PhotonCmdlet
{
    protected const string PathSet = "Path";
    protected const string LiteralPathSet = "LiteralPath";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Manifest")]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>The folder of the per-task reports; default &lt;manifest&gt;.reports beside the manifest.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ReportPath { get; set; }

    /// <summary>Runs <paramref name="work"/> for each manifest given, with its entries read and its report folder resolved.</summary>
    protected void ForEachManifest(int activityId, string cmdletName, Action<string, List<MigrationEntry>, string, ThrottledProgress> work)
    {
        bool literal = ParameterSetName == LiteralPathSet;
        ForEachInput(literal ? LiteralPath : Path, literal, activityId, cmdletName, (manifest, progress) =>
        {
            List<MigrationEntry> entries = MigrationManifest.Read(manifest);
            string reports = ReportPath is null ? MigrationManifest.ReportFolder(manifest) : ResolveOutputPath(ReportPath);
            work(manifest, entries, reports, progress);
        });
    }

    /// <summary>Invoke/Complete: a record as output, and a failed one also as an error record with its id.</summary>
    protected void Emit(MigrationRecord r)
    {
        WriteObject(new MigrationResult
        {
            Task = r.Task, Source = r.Source, Destination = r.Destination, Part = r.Part, Status = r.Status,
            SourceBytes = r.SourceBytes, StoredBytes = r.StoredBytes, Ratio = r.Ratio, Seconds = r.Seconds, ErrorId = r.ErrorId, Message = r.Message,
        });
        if (r.Status == "Failed")
            WriteError(ErrorRecords.Create(new InvalidOperationException($"{r.Source}{(r.Part >= 0 ? $" (part {r.Part})" : "")}: {r.Message}"),
                r.ErrorId ?? ErrorIds.Failed, ErrorCategory.NotSpecified, r.Source));
    }

    /// <summary>The error id a failed unit's report line carries: the one the same failure has in any other cmdlet.</summary>
    protected static string Classify(Exception ex) => ErrorRecords.Classify(ex).Id;
}
