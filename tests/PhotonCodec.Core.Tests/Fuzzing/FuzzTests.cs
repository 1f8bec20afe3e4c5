using System.Linq;
using Xunit.Abstractions;

namespace PhotonCodec.Core.Tests.Fuzzing;

/// <summary>Fuzz tests share one collection: they run one after another (beside the other test classes), not all at once.</summary>
[CollectionDefinition("Fuzzing", DisableParallelization = false)]
public sealed class FuzzingCollection { }

/// <summary>
/// The suite's fuzz run: every target over its seeded mutants (seed and count printed; PHOTONCODEC_FUZZ_SEED and
/// PHOTONCODEC_FUZZ_CASES override them, see build.ps1 -Task Fuzz). A failure names seed and case index.
/// </summary>
[Collection("Fuzzing")]
public sealed class FuzzTests
{
    private readonly ITestOutputHelper output;

    public FuzzTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void Blosc_frames() => Fuzz(FuzzTargets.Blosc);

    [Fact]
    public void Zarr_v2_zarray() => Fuzz(FuzzTargets.Zarray);

    [Fact]
    public void Photon_attributes() => Fuzz(FuzzTargets.Photon);

    [Fact]
    public void Tiff_headers_and_ifds() => Fuzz(FuzzTargets.Tiff);

    [Fact]
    public void Zarr_v2_folder_opened_as_archive() => Fuzz(FuzzTargets.ZarrFolder);

    [Fact]
    public void Blosc_frames_of_lz4_zlib_and_zstd() => Fuzz(FuzzTargets.BloscCodecs);

    [Fact]
    public void Gzip_zlib_and_zstd_chunk_payloads() => Fuzz(FuzzTargets.BytesCodecs);

    [Fact]
    public void Zarr_v3_zarr_json() => Fuzz(FuzzTargets.ZarrJson);

    [Fact]
    public void Zarr_v3_shards_and_their_indexes() => Fuzz(FuzzTargets.Shard);

    [Fact]
    public void Zarr_v3_folder_array_or_ome_group_opened_as_archive() => Fuzz(FuzzTargets.ZarrV3Folder);

    [Fact]
    public void Hdf5_superblocks_and_object_headers() => Fuzz(FuzzTargets.Hdf5);

    [Fact]
    public void The_suite_runs_at_least_100_000_cases_over_every_target()
    {
        Assert.True(FuzzTargets.DefaultTotal >= 100_000, $"{FuzzTargets.DefaultTotal} cases");
        string[] tested = typeof(FuzzTests).GetMethods().Where(m => m.GetCustomAttributes(typeof(FactAttribute), false).Length > 0).Select(m => m.Name).ToArray();
        Assert.Equal(FuzzTargets.All.Count + 1, tested.Length);
        output.WriteLine($"{FuzzTargets.DefaultTotal} cases over {FuzzTargets.All.Count} targets, seed {FuzzSettings.Seed}");
    }

    private void Fuzz(FuzzTarget target)
    {
        int cases = FuzzSettings.CasesFor(target);
        FuzzReport report = FuzzHarness.Run(target, cases, FuzzSettings.Seed);
        output.WriteLine(report.Summary);
        foreach (FuzzFailure f in report.Failures) output.WriteLine(f.ToString());
        Assert.True(report.Hung is null, $"{target.Name} seed {report.Seed}: {report.Hung} never returned. " + string.Join("\n", report.Failures));
        Assert.True(report.FailureCount == 0,
            $"{report.Summary}\n{string.Join("\n", report.Failures.Select(f => f.ToString()))}");
        Assert.Equal(cases, report.Cases);
    }
}
