using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using PhotonCodec.Core.Calibration;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Tests.Support;
using PhotonCodec.Core.Tests.Transform;
using PhotonCodec.Core.Transform;
using Xunit.Abstractions;

namespace PhotonCodec.Core.Tests.Pipeline;

/// <summary>
/// Issue 9's quantization promise on the synthetic families of make_movie.py: in every tenth of the pixels (by true
/// rate) the RMS added error is ≤ 0.25 σ and |bias| ≤ 0.05 σ of the true noise at the default β, with the true
/// parameters, and with the parameters a default conversion estimates.
/// </summary>
public sealed class NoiseModelAcceptanceTests
{
    public const double MaxRms = 0.25, MaxBias = 0.05;
    private readonly ITestOutputHelper _out;

    public NoiseModelAcceptanceTests(ITestOutputHelper output) => _out = output;

    private static readonly string[] Small = { "--frames", "40", "--size", "48", "48", "--cells", "6" };

    /// <summary>Family points; each runs over seeds 0–2.</summary>
    public static IEnumerable<object[]> Families()
    {
        var points = new List<(string, string[])>
        {
            ("two-photon", Array.Empty<string>()),
            ("sparse PMT g150 cv0.3 rn5 bg0.01", new[] { "--gain", "150", "--zero", "180", "--read-noise", "5", "--background", "0.01", "--pulse-cv", "0.3" }),
            ("sparse PMT g420 cv0.6 rn14 bg0.03", new[] { "--gain", "420", "--zero", "180", "--read-noise", "14", "--background", "0.03", "--pulse-cv", "0.6" }),
            ("sparse PMT g700 cv0.7 rn30 bg0.1", new[] { "--gain", "700", "--zero", "300", "--read-noise", "30", "--background", "0.1", "--pulse-cv", "0.7" }),
            ("offset-subtracted g30 30 frames", new[] { "--gain", "30", "--offset-subtract", "--frames", "30" }),
            ("offset-subtracted g300 rn20 60 frames", new[] { "--gain", "300", "--read-noise", "20", "--offset-subtract", "--frames", "60", "--pulse-cv", "0.5", "--background", "0.05" }),
            ("bleaching to 0.5", new[] { "--bleach", "0.5" }),
            ("photon counting g1 rn0.2", new[] { "--gain", "1", "--zero", "0", "--read-noise", "0.2" }),
        };
        foreach ((string name, string[] args) in points)
            for (int seed = 0; seed < 3; seed++)
            {
                var all = new List<string>(Small);
                all.AddRange(args);
                all.Add("--seed");
                all.Add(seed.ToString());
                yield return new object[] { $"{name} seed {seed}", all.ToArray() };
            }
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void WithTrueParameters_EveryDecileStaysWithinTheNoise(string name, string[] arguments)
    {
        FamilyMovie m = FamilyMovie.Make(name, arguments);
        AnscombeParameters p = m.TrueParameters();
        var histogram = new LevelHistogram(m.Type);
        histogram.Add(m.Bytes);
        var table = QuantizationTable.Build(m.Type, p, histogram);
        TableInvariants.Check(table, p);
        var truth = new TruthDeciles(m, RoundTrip(table, m.Bytes));

        var anscombe = QuantizationTable.Build(m.Type, p with { Transform = StabilizingTransform.Anscombe }, histogram);
        var before = new TruthDeciles(m, RoundTrip(anscombe, m.Bytes));
        _out.WriteLine($"{name}: ptc gain {m.PtcGain}, zero {m.ZeroLevel}, read noise {m.ReadNoise}; {table.CodeCount} codes (Anscombe {anscombe.CodeCount})");
        _out.WriteLine($"noise model {truth}");
        _out.WriteLine($"Anscombe    {before}");
        Assert.True(truth.WorstRms <= MaxRms, $"{name}: worst-decile RMS {truth.WorstRms:0.000}σ > {MaxRms}σ ({truth})");
        Assert.True(truth.WorstAbsBias <= MaxBias, $"{name}: worst-decile |bias| {truth.WorstAbsBias:0.000}σ > {MaxBias}σ ({truth})");
    }

    /// <summary>The default conversion (parameters estimated from the movie, noise-model transform) against the truth.</summary>
    [Theory]
    [MemberData(nameof(Families))]
    public void DefaultConversion_WithEstimatedParameters_EveryDecileStaysWithinTheNoise(string name, string[] arguments)
    {
        FamilyMovie m = FamilyMovie.Make(name, arguments);
        EncodingPlan plan = EncodingPlanner.Plan(m.Source(), new ConversionOptions(), null, CancellationToken.None);
        Assert.Equal(StabilizingTransform.NoiseModel, plan.Parameters!.Transform);
        var codes = new byte[m.Bytes.Length / m.Type.Size() * plan.Transform.StoredType.Size()];
        plan.Transform.Encode(m.Bytes, codes);
        var decoded = new byte[m.Bytes.Length];
        plan.Transform.Decode(codes, decoded);
        var truth = new TruthDeciles(m, decoded);
        _out.WriteLine($"{name}: estimated gain {plan.Parameters.Gain:G4} (ptc truth {m.PtcGain}), zero {plan.Parameters.ZeroLevel:G4} ({m.ZeroLevel}), read noise {plan.Parameters.ReadNoise:G3} ({m.ReadNoise})");
        _out.WriteLine(truth.ToString());
        Assert.True(truth.WorstRms <= MaxRms, $"{name}: worst-decile RMS {truth.WorstRms:0.000}σ > {MaxRms}σ ({truth})");
        Assert.True(truth.WorstAbsBias <= MaxBias, $"{name}: worst-decile |bias| {truth.WorstAbsBias:0.000}σ > {MaxBias}σ ({truth})");
    }

    private static byte[] RoundTrip(QuantizationTable table, byte[] levels)
    {
        var codes = new byte[levels.Length / table.InputType.Size() * table.CodeType.Size()];
        table.Encode(levels, codes);
        var decoded = new byte[levels.Length];
        table.Decode(codes, decoded);
        return decoded;
    }
}
