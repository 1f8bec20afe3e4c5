using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using PhotonCodec.Core.Calibration;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>What New-PhotonMigrationPlan is asked for.</summary>
public sealed class MigrationPlanRequest
{
    public string SourceRoot { get; init; } = "";
    public string DestinationRoot { get; init; } = "";

    /// <summary>File-name patterns (* and ?) to include; a pattern with '/' is matched against the relative path. Default *.tif, *.tiff.</summary>
    public IReadOnlyList<string> Include { get; init; } = new[] { "*.tif", "*.tiff" };
    public IReadOnlyList<string> Exclude { get; init; } = Array.Empty<string>();
    public MigrationOptions Options { get; init; } = new();

    /// <summary>A movie larger than this is split by chunk ranges across tasks; 0 = never split.</summary>
    public long MaxTaskBytes { get; init; }

    /// <summary>Frame pairs sampled when a split movie's photon parameters are estimated at plan time.</summary>
    public int EstimationPairs { get; init; } = 200;
}

/// <summary>A plan and what changed against the manifest it replans.</summary>
public sealed record MigrationPlan(IReadOnlyList<MigrationEntry> Entries, int Added, int Kept, int Replanned, IReadOnlyList<string> Warnings);

/// <summary>
/// Builds a migration manifest from a source tree: every matching file in ordinal order of its relative path, its
/// archive at the same relative path under the destination root. Deterministic: the same tree and request give the
/// same manifest, line for line. Replanning keeps every existing line whose source is unchanged (or gone: sources may
/// be deleted once migrated), replans a source whose size changed, and adds new files.
/// </summary>
public static class MigrationPlanner
{
    public static MigrationPlan Plan(MigrationPlanRequest request, IReadOnlyList<MigrationEntry>? existing = null,
        IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        string root = Path.GetFullPath(request.SourceRoot).TrimEnd(Path.DirectorySeparatorChar);
        string destinationRoot = Path.GetFullPath(request.DestinationRoot).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"The source root '{root}' is not a folder.");
        Regex[] include = request.Include.Select(Glob).ToArray();
        Regex[] exclude = request.Exclude.Select(Glob).ToArray();
        var files = new List<(string Full, string Relative)>();
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            string relative = file.Substring(root.Length + 1).Replace(Path.DirectorySeparatorChar, '/');
            if (relative.Split('/').Any(part => part.StartsWith(".", StringComparison.Ordinal))) continue;   // staging folders, hidden files
            if (include.Any(g => Matches(g, relative)) && !exclude.Any(g => Matches(g, relative))) files.Add((file, relative));
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));

        var old = new Dictionary<string, MigrationEntry>(StringComparer.Ordinal);
        foreach (MigrationEntry e in existing ?? Array.Empty<MigrationEntry>()) old[e.Source] = e;
        var entries = new List<MigrationEntry>();
        var warnings = new List<string>();
        int added = 0, kept = 0, replanned = 0, done = 0;
        foreach (var (full, relative) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long size = new FileInfo(full).Length;
            if (old.TryGetValue(full, out MigrationEntry? previous) && previous.Size == size)
            {
                entries.Add(previous);
                kept++;
            }
            else
            {
                if (previous is null) added++;
                else
                {
                    replanned++;
                    warnings.Add($"'{full}' changed size since it was planned ({previous.Size} → {size} bytes): planned again.");
                }
                string relativeZarr = relative.Substring(0, relative.Length - Path.GetExtension(relative).Length) + ".zarr";
                string destination = Path.Combine(destinationRoot, relativeZarr.Replace('/', Path.DirectorySeparatorChar));
                entries.Add(PlanOne(full, relative, size, destination, request, warnings, cancellationToken));
            }
            old.Remove(full);
            progress?.Report(new ConversionProgress("Planning", ++done, files.Count));
        }
        // Lines of sources no longer there are kept (the source may have been deleted after its archive verified).
        foreach (MigrationEntry gone in old.Values) { entries.Add(gone); kept++; }
        entries.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath) is int c && c != 0 ? c : string.CompareOrdinal(a.Source, b.Source));

        var byDestination = new Dictionary<string, MigrationEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (MigrationEntry e in entries)
        {
            if (byDestination.TryGetValue(e.Destination, out MigrationEntry? other))
                throw new MigrationManifestException($"'{other.Source}' and '{e.Source}' would both be archived at '{e.Destination}': exclude one of them (-Exclude) or rename it.");
            byDestination[e.Destination] = e;
        }
        return new MigrationPlan(entries, added, kept, replanned, warnings);
    }

    private static MigrationEntry PlanOne(string source, string relative, long size, string destination, MigrationPlanRequest request,
        List<string> warnings, CancellationToken cancellationToken)
    {
        MigrationOptions options = request.Options.Copy();
        bool anyGiven = options.Gain is not null || options.ZeroLevel is not null || options.ReadNoise is not null;
        string parameterSource = options.UsesPhotonParameters && anyGiven ? "given" : "";
        if (request.MaxTaskBytes <= 0 || size <= request.MaxTaskBytes)
            return new MigrationEntry { Source = source, RelativePath = relative, Size = size, Destination = destination, Options = options, ParameterSource = parameterSource };

        using FrameSourceSet set = FrameSourceFactory.Open(source);
        if (set.IsGroup)
        {
            warnings.Add($"'{source}' holds {set.Sources.Count} channels: it is converted whole by one task (only single movies are split).");
            return new MigrationEntry { Source = source, RelativePath = relative, Size = size, Destination = destination, Options = options, ParameterSource = parameterSource };
        }
        IFrameSource movie = set.Source;
        int chunkFrames = options.ToConversionOptions(1, false).EffectiveChunkFrames(movie.FrameCount);
        long chunks = (movie.FrameCount + chunkFrames - 1) / chunkFrames;
        long perPart = Math.Max(1, (long)Math.Floor(request.MaxTaskBytes / ((double)size / chunks)));
        int partCount = (int)Math.Min(chunks, (chunks + perPart - 1) / perPart);
        if (partCount <= 1)
            return new MigrationEntry { Source = source, RelativePath = relative, Size = size, Destination = destination, Options = options, ParameterSource = parameterSource };

        // One set of photon parameters for every part, measured once here and recorded in the manifest.
        if (options.UsesPhotonParameters && (options.Gain is null || options.ZeroLevel is null || options.ReadNoise is null))
        {
            PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(movie, request.EstimationPairs, cancellationToken);
            options.Gain ??= e.Gain;
            options.ZeroLevel ??= e.ZeroLevel;
            options.ReadNoise ??= e.ReadNoise;
            parameterSource = anyGiven ? "given; the rest estimated at plan time" : "estimated at plan time";
        }
        var parts = new List<ChunkRange>();
        long first = 0;
        for (int p = 0; p < partCount; p++)
        {
            long count = chunks / partCount + (p < chunks % partCount ? 1 : 0);
            parts.Add(new ChunkRange(first, count));
            first += count;
        }
        return new MigrationEntry
        {
            Source = source, RelativePath = relative, Size = size, Destination = destination, Options = options, ParameterSource = parameterSource,
            Frames = movie.FrameCount, ChunkFrames = chunkFrames, Chunks = chunks, Parts = parts,
        };
    }

    private static bool Matches(Regex glob, string relative) =>
        glob.IsMatch(glob.ToString().Contains("/") ? relative : relative.Substring(relative.LastIndexOf('/') + 1));

    /// <summary>* and ? of a file-name pattern, case-insensitive (as -Include on Windows and in PowerShell's wildcards).</summary>
    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
