using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using PhotonCodec.Core.Calibration;
using Xunit.Abstractions;

using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Calibration;

/// <summary>
/// Known-truth sweep: every gain × zero level × read noise, 200 frames of 128×128 with dark border, gradient,
/// bleach and transients. Gain within ±3 %, zero within ±max(1, 0.1·gain), read noise within ±20 % or ±1 level.
/// One theory row per gain; the 12 movies of a row run in parallel and fail together with a table.
/// </summary>
public sealed class TruthSweepTests
{
    private static readonly double[] ZeroLevels = { -50, 0, 200, 1000 };
    private static readonly double[] ReadNoiseInGains = { 0, 0.5, 2 };
    private readonly ITestOutputHelper _output;

    public TruthSweepTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(30)]
    [InlineData(200)]
    [InlineData(1000)]
    public void Estimates_gain_zero_and_read_noise_within_tolerance(double gain)
    {
        var combos = (from z in ZeroLevels from r in ReadNoiseInGains select (Zero: z, ReadNoise: r * gain)).ToArray();
        var rows = new ConcurrentBag<(int Index, string Row, bool Ok)>();
        Parallel.For(0, combos.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (zero, readNoise) = combos[i];
            PixelType type = DetectorMovie.TypeFor(gain, zero, readNoise);
            const int frames = 200, size = 128;
            byte[] bytes = DetectorMovie.Generate(1000 + i + (int)(gain * 10), gain, zero, readNoise, type, frames, size, size);
            var source = new InMemoryFrameSource(bytes, type, frames, size, size);
            string row;
            bool ok;
            try
            {
                PhotonTransferEstimate e = PhotonTransferEstimator.Estimate(source);
                bool gainOk = Math.Abs(e.Gain / gain - 1) <= 0.03;
                bool zeroOk = Math.Abs(e.ZeroLevel - zero) <= Math.Max(1, 0.1 * gain);
                bool noiseOk = Math.Abs(e.ReadNoise - readNoise) <= Math.Max(1, 0.2 * readNoise);
                ok = gainOk && zeroOk && noiseOk;
                row = string.Format(CultureInfo.InvariantCulture,
                    "g={0,-6} z={1,-6} rn={2,-6} {3,-7} | gain {4,9:F4}{5} zero {6,10:F2}{7} rn {8,9:F2}{9} R² {10:F4} bins {11} warn {12}",
                    gain, zero, readNoise, type, e.Gain, gainOk ? " " : "✗", e.ZeroLevel, zeroOk ? " " : "✗", e.ReadNoise, noiseOk ? " " : "✗",
                    e.FitR2, e.LevelsUsed, string.Join(" / ", e.Warnings));
            }
            catch (Exception ex)
            {
                ok = false;
                row = $"g={gain} z={zero} rn={readNoise} {type}: {ex.GetType().Name}: {ex.Message}";
            }
            rows.Add((i, row, ok));
        });
        var ordered = rows.OrderBy(r => r.Index).ToList();
        foreach (var r in ordered) _output.WriteLine(r.Row);
        var failures = ordered.Where(r => !r.Ok).Select(r => r.Row).ToList();
        Assert.True(failures.Count == 0, "Out of tolerance:\n" + string.Join("\n", failures));
    }
}
