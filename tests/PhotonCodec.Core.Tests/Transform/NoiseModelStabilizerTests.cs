using System;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Tests.Support;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Tests.Transform;

public sealed class NoiseModelStabilizerTests
{
    [Theory]
    [InlineData(70, 100, 9, 0.5)]      // PMT: read noise 9 levels is the step's scale at zero photons, not 70·√(3/8)
    [InlineData(1, 0, 0, 0.5)]         // photon counting without read noise
    [InlineData(30, 200, 8, 1.0)]
    [InlineData(0.5, -20, 0.3, 0.25)]
    public void StepIsBetaTimesTheNoiseModel_ButNeverLessThanOneLevel(double gain, double zero, double readNoise, double beta)
    {
        var p = new AnscombeParameters(gain, zero, readNoise, beta, StabilizingTransform.NoiseModel);
        VarianceStabilizer s = VarianceStabilizer.For(p);
        for (double level = zero - 5 * Math.Max(readNoise, 1); level < zero + 400 * gain; level += Math.Max(gain, 1) / 7)
        {
            double sigma = Math.Sqrt(Math.Max(0, gain * (level - zero)) + readNoise * readNoise);
            double levelsPerCode = 1e-4 / (s.ScaledOffset(level + 0.5e-4) - s.ScaledOffset(level - 0.5e-4));
            Assert.True(Math.Abs(Math.Max(beta * sigma, 1) / levelsPerCode - 1) < 1e-5, $"level {level}: {levelsPerCode} levels per code, expected max(β·{sigma}, 1)");
            Assert.Equal(TableInvariants.NoiseModelS(level, p), s.Forward(level), 9);
            Assert.Equal(level, s.LevelAt(s.ScaledOffset(level)), 6);
        }
    }

    [Fact]
    public void AtTheDarkEnd_NoiseModelCodesAreFinerThanAnscombes_AndTheBrightEndIsTheSame()
    {
        var histogram = new LevelHistogram(PixelType.UInt16);
        var levels = new long[20001];
        for (int i = 0; i < levels.Length; i++) levels[i] = 80 + i;
        histogram.Add(LevelBytes.From(levels, PixelType.UInt16));
        var noise = new AnscombeParameters(70, 100, 9, 0.5, StabilizingTransform.NoiseModel);
        QuantizationTable nm = QuantizationTable.Build(PixelType.UInt16, noise, histogram);
        QuantizationTable an = QuantizationTable.Build(PixelType.UInt16, noise with { Transform = StabilizingTransform.Anscombe }, histogram);
        TableInvariants.Check(nm, noise);
        int CodesBetween(QuantizationTable t, long lo, long hi) => t.CodeOf(hi) - t.CodeOf(lo);
        // Below the zero level: σ = 9 levels → steps of 4.5 levels; Anscombe: 0.5·70·√(3/8 + 0.017) ≈ 22 levels.
        Assert.InRange(CodesBetween(nm, 82, 100), 4, 5);
        Assert.InRange(CodesBetween(an, 82, 100), 0, 1);
        // 250 photons: both ≈ 0.5·√(70·17500) levels per code.
        Assert.InRange(CodesBetween(nm, 17000, 18000) - CodesBetween(an, 17000, 18000), -1, 1);
    }

    [Fact]
    public void Attributes_RecordTheTransform_AndArchivesWithoutTheKeyReadAsAnscombe()
    {
        var movie = SyntheticMovie.Constant(3, 5, 30, 200, 8, PixelType.UInt16, 2, 16, 16);
        var h = new LevelHistogram(PixelType.UInt16);
        h.Add(movie.ToBytes());
        var p = new AnscombeParameters(30, 200, 8, 0.5, StabilizingTransform.NoiseModel);
        JsonObject attrs = PhotonAttributes.Build(PhotonCodecDescription.ForQuantized(QuantizationTable.Build(PixelType.UInt16, p, h)));
        Assert.Equal("noise_model", (string?)attrs["photon"]!["transform"]);
        Assert.Equal(30.0, (double)attrs["anscombe_gain"]!);
        Assert.Equal(p, PhotonAttributes.Parse((JsonObject)JsonNode.Parse(attrs.ToJsonString())!).Parameters);

        var old = (JsonObject)JsonNode.Parse(attrs.ToJsonString())!;
        ((JsonObject)old["photon"]!).Remove("transform");
        Assert.Equal(StabilizingTransform.Anscombe, PhotonAttributes.Parse(old).Parameters!.Transform);
        ((JsonObject)old["photon"]!)["transform"] = "something_else";
        Assert.Contains("photon.transform", Assert.Throws<PhotonAttributesException>(() => PhotonAttributes.Parse(old)).Message);
    }
}
