using System;
using System.Management.Automation;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Infrastructure;

namespace PhotonCodec.Commands;

/// <summary>
/// Verifies archives without their sources: every chunk present and matching the CRC-32C recorded when it was
/// written, the metadata unchanged, and (unless -SkipDecode) every chunk decoding. $true/$false, or with -Detailed a report.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PhotonArchive", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool))]
[OutputType(typeof(ArchiveReport))]
public sealed class TestPhotonArchiveCommand : PhotonCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Binds PSPath (Get-ChildItem) and Destination (ConvertTo-PhotonZarr's results) from the pipeline.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP", "Destination")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    [Parameter]
    public SwitchParameter Detailed { get; set; }

    /// <summary>Check presence, sizes, checksums and metadata only; do not decode (faster, I/O-bound).</summary>
    [Parameter]
    public SwitchParameter SkipDecode { get; set; }

    protected override void ProcessRecord()
    {
        bool literal = ParameterSetName == LiteralPathSet;
        ForEachInput(literal ? LiteralPath : Path, literal, 5, "Test-PhotonArchive", (path, progress) =>
        {
            var fraction = new FractionProgress(progress, "Verifying", FrameCount(path));
            ArchiveVerification v = ArchiveVerifier.Verify(path, !SkipDecode, fraction, CancellationToken);
            if (!v.Passed && !Detailed) WriteWarning($"{path}: {v.Reason}");
            if (Detailed)
            {
                WriteObject(new ArchiveReport
                {
                    Passed = v.Passed,
                    Path = path,
                    Reason = v.Reason ?? "",
                    HasManifest = v.HasManifest,
                    ChunksChecked = v.ChunksChecked,
                    BytesChecked = v.BytesChecked,
                    Decoded = !SkipDecode,
                    SourceSha256 = v.SourceSha256,
                    SourceSize = v.SourceSize,
                    ContentSha256 = v.ContentSha256,
                    Problems = v.Problems,
                });
            }
            else WriteObject(v.Passed);
        });
    }

    /// <summary>The frames progress counts through (an estimate: checksums, then decoding); 1 when the archive does not open.</summary>
    private static long FrameCount(string path)
    {
        try { return Math.Max(1, PhotonArchive.Open(path).FrameCount); }
        catch (Exception ex) when (ex is System.IO.IOException or Core.Transform.PhotonAttributesException or UnauthorizedAccessException) { return 1; }
    }
}
