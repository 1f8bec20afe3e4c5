using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace PhotonCodec.Core.Tests.Fuzzing;

/// <summary>One input that broke a rule: an undocumented exception, a case over 1 s, or an allocation the input does not justify.</summary>
public sealed record FuzzFailure(string Target, int Seed, int Case, string SeedName, string Mutations, string Problem, byte[] Input)
{
    public override string ToString() =>
        $"FAIL {Target} seed={Seed} case={Case} from {SeedName} [{Mutations}] ({Input.Length} bytes): {Problem}";
}

public sealed class FuzzReport
{
    public required string Target { get; init; }
    public required int Seed { get; init; }
    public int Cases { get; set; }
    public int Accepted { get; set; }
    public int Rejected { get; set; }
    public List<FuzzFailure> Failures { get; } = new();
    public int FailureCount { get; set; }
    public TimeSpan Elapsed { get; set; }
    public double SlowestCaseMs { get; set; }
    public long LargestAllocation { get; set; }

    /// <summary>Set when a case ran past the hang limit: the report was cut there (the case never returned).</summary>
    public string? Hung { get; set; }

    public string Summary => FormattableString.Invariant(
        $"{Target}: {Cases} cases, seed {Seed}, {Elapsed.TotalSeconds:F1} s ({Cases / Math.Max(Elapsed.TotalSeconds, 1e-9):F0} cases/s); {Accepted} accepted, {Rejected} rejected with a documented exception, {FailureCount} failures; slowest case {SlowestCaseMs:F1} ms, largest allocation {LargestAllocation / 1024.0 / 1024.0:F1} MiB");
}

/// <summary>
/// Runs a target over seeded mutants on a worker thread, one case at a time: each case is timed (a hang check: over 1 s
/// twice in a row fails) and its allocations counted (GC.GetAllocatedBytesForCurrentThread). A watchdog on the calling
/// thread cuts the run when a case never returns.
/// </summary>
public static class FuzzHarness
{
    public const long AllocationBase = 64L << 20;
    public static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);
    private const int KeptFailures = 20;

    /// <summary>The seed of case <paramref name="index"/>: every case can be reproduced alone.</summary>
    public static int CaseSeed(int seed, int index) => unchecked(seed * 31 + (int)((uint)index * 2654435761u));

    /// <summary>The mutant of case <paramref name="index"/> and the seed it came from.</summary>
    public static byte[] CaseInput(FuzzTarget target, int seed, int index, List<string> log, out FuzzSeed from)
    {
        var rng = new Random(CaseSeed(seed, index));
        from = target.Seeds[rng.Next(target.Seeds.Count)];
        return Mutator.Mutate(from, rng, target.HeaderSpan, target.Json, log);
    }

    /// <summary>Runs one input; null when it passed (accepted or rejected with a documented exception), else what went wrong.</summary>
    public static string? Check(FuzzTarget target, byte[] input, out bool accepted, out double ms, out long allocated)
    {
        accepted = false;
        ms = 0;
        allocated = 0;
        string? problem = null;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            problem = null;
            accepted = false;
            try
            {
                target.Run(input);
                accepted = true;
            }
            catch (Exception e) when (target.IsAllowed(e))
            {
            }
            catch (Exception e)
            {
                problem = $"{e.GetType().FullName}: {e.Message}{Environment.NewLine}{Frames(e)}";
            }
            TimeSpan took = Stopwatch.GetElapsedTime(start);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            ms = took.TotalMilliseconds;
            long bound = AllocationBound(target, input.Length);
            if (problem is null && allocated > bound)
                problem = $"allocated {allocated} bytes for a {input.Length}-byte input (bound {bound})";
            if (problem is not null || took <= CaseLimit) return problem;
            // Over 1 s once may be a busy machine; a hang is over 1 s again.
            problem = $"took {took.TotalMilliseconds:F0} ms (limit {CaseLimit.TotalMilliseconds} ms), twice";
        }
        return problem;
    }

    public static long AllocationBound(FuzzTarget target, int inputLength) => AllocationBase + target.AllocationPerInputByte * inputLength + target.AllocationAllowance;

    public static FuzzReport Run(FuzzTarget target, int cases, int seed)
    {
        var report = new FuzzReport { Target = target.Name, Seed = seed };
        long caseStart = 0;
        int current = -1;
        Exception? crash = null;
        var worker = new Thread(() =>
        {
            try { Loop(target, cases, seed, report, ref caseStart, ref current); }
            catch (Exception e) { crash = e; }
        }, 16 << 20) { IsBackground = true, Name = "fuzz " + target.Name };
        long started = Stopwatch.GetTimestamp();
        worker.Start();
        while (!worker.Join(200))
        {
            long at = Interlocked.Read(ref caseStart);
            if (at != 0 && Stopwatch.GetElapsedTime(at) > HangLimit)
            {
                int index = Volatile.Read(ref current);
                var log = new List<string>();
                byte[] input = CaseInput(target, seed, index, log, out FuzzSeed from);
                Record(report, new FuzzFailure(target.Name, seed, index, from.Name, string.Join(" ", log), $"hung: no return after {HangLimit.TotalSeconds} s", input));
                report.Hung = $"case {index}";
                report.Cases = index;
                report.Elapsed = Stopwatch.GetElapsedTime(started);
                return report;
            }
        }
        if (crash is not null) throw new InvalidOperationException($"The fuzz loop of {target.Name} itself failed (seed {seed}).", crash);
        report.Elapsed = Stopwatch.GetElapsedTime(started);
        return report;
    }

    private static void Loop(FuzzTarget target, int cases, int seed, FuzzReport report, ref long caseStart, ref int current)
    {
        var log = new List<string>();
        for (int i = 0; i < cases; i++)
        {
            log.Clear();
            byte[] input = CaseInput(target, seed, i, log, out FuzzSeed from);
            Volatile.Write(ref current, i);
            Interlocked.Exchange(ref caseStart, Stopwatch.GetTimestamp());
            string? problem = Check(target, input, out bool accepted, out double ms, out long allocated);
            report.Cases = i + 1;
            if (accepted) report.Accepted++;
            else if (problem is null) report.Rejected++;
            report.SlowestCaseMs = Math.Max(report.SlowestCaseMs, ms);
            report.LargestAllocation = Math.Max(report.LargestAllocation, allocated);
            if (problem is not null)
                Record(report, new FuzzFailure(target.Name, seed, i, from.Name, string.Join(" ", log), problem, input));
        }
        Interlocked.Exchange(ref caseStart, 0);
    }

    private static void Record(FuzzReport report, FuzzFailure failure)
    {
        report.FailureCount++;
        if (report.Failures.Count < KeptFailures) report.Failures.Add(failure);
        if (FuzzSettings.CrashFolder is string folder)
        {
            string dir = Path.Combine(folder, failure.Target);
            Directory.CreateDirectory(dir);
            string name = $"{failure.Seed}-{failure.Case}";
            File.WriteAllBytes(Path.Combine(dir, name + ".bin"), failure.Input);
            File.WriteAllText(Path.Combine(dir, name + ".txt"), failure.ToString());
        }
    }

    /// <summary>The exception's innermost frames: enough to tell one crash site from another.</summary>
    private static string Frames(Exception e)
    {
        string[] lines = (e.StackTrace ?? "").Split('\n');
        var sb = new StringBuilder();
        foreach (string line in lines.Take(6)) sb.Append("    ").AppendLine(line.Trim());
        return sb.ToString();
    }
}
