using System;
using System.Globalization;

namespace PhotonCodec.Core.Tests.Fuzzing;

/// <summary>
/// Seed and case count of a fuzz run: fixed by default (reproducible), overridden by PHOTONCODEC_FUZZ_SEED and
/// PHOTONCODEC_FUZZ_CASES (total over all targets, split in the ratio of their defaults; set by build.ps1 -Task Fuzz).
/// PHOTONCODEC_FUZZ_CRASHES names a folder that receives every failing input (to become a fixture).
/// </summary>
public static class FuzzSettings
{
    public const int DefaultSeed = 16_2026;

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("PHOTONCODEC_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : DefaultSeed;

    public static long? TotalCases =>
        long.TryParse(Environment.GetEnvironmentVariable("PHOTONCODEC_FUZZ_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n > 0 ? n : null;

    public static string? CrashFolder => Environment.GetEnvironmentVariable("PHOTONCODEC_FUZZ_CRASHES") is { Length: > 0 } d ? d : null;

    /// <summary>Cases for <paramref name="target"/>: its default, or its share of PHOTONCODEC_FUZZ_CASES.</summary>
    public static int CasesFor(FuzzTarget target)
    {
        if (TotalCases is not long total) return target.DefaultCases;
        long share = (long)Math.Ceiling((double)total * target.DefaultCases / FuzzTargets.DefaultTotal);
        return (int)Math.Min(int.MaxValue, Math.Max(1, share));
    }
}
