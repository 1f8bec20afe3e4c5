using System;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Tests.Transform;

/// <summary>Structural guarantees every built quantization table must meet, checked over every level of its range.</summary>
internal static class TableInvariants
{
    /// <summary>Independent re-statement of the spec: s(p) = 2√(p + 3/8 + r) for p ≥ 0, tangent line at p = 0 below.</summary>
    public static double S(double level, double gain, double zero, double readNoise)
    {
        double p = (level - zero) / gain, u0 = 3.0 / 8 + (readNoise / gain) * (readNoise / gain);
        return p >= 0 ? 2 * Math.Sqrt(p + u0) : 2 * Math.Sqrt(u0) + p / Math.Sqrt(u0);
    }

    /// <summary>
    /// Independent re-statement of the noise-model transform: s′ = 1 / max(σ, 1/β) with σ² = g·(level − z) + rn² (rn² below z),
    /// i.e. (2/g)·(√v − c) where v = g·(level − z) + rn² ≥ c², c = max(rn, 1/β), and linear with slope 1/c below.
    /// </summary>
    public static double NoiseModelS(double level, AnscombeParameters p)
    {
        double c = Math.Max(p.ReadNoise, 1 / p.Beta), knee = p.ZeroLevel + (c * c - p.ReadNoise * p.ReadNoise) / p.Gain;
        double v = p.Gain * (level - p.ZeroLevel) + p.ReadNoise * p.ReadNoise;
        return level >= knee ? 2 / p.Gain * (Math.Sqrt(v) - c) : (level - knee) / c;
    }

    /// <summary>s of <paramref name="p"/>'s own transform.</summary>
    public static double S(double level, AnscombeParameters p) =>
        p.Transform == StabilizingTransform.NoiseModel ? NoiseModelS(level, p) : S(level, p.Gain, p.ZeroLevel, p.ReadNoise);

    /// <summary>Number of codes the spec's formula needs for levels lo..hi (as a double: it may be astronomically large).</summary>
    public static double ExpectedCodeCount(long lo, long hi, AnscombeParameters p)
    {
        double s0 = S(p.ZeroLevel, p.Gain, p.ZeroLevel, p.ReadNoise);
        double Code(long level) => Math.Round((S(level, p.Gain, p.ZeroLevel, p.ReadNoise) - s0) / p.Beta, MidpointRounding.AwayFromZero);
        return Code(hi) - Code(lo) + 1;
    }

    /// <summary>
    /// Codes non-decreasing from 0 to CodeCount−1, no two levels further apart than beta in s share a code,
    /// and each code decodes to a level among those sharing it. Returns the number of codes actually used.
    /// </summary>
    public static int Check(QuantizationTable table, AnscombeParameters p)
    {
        long lo = table.MinLevel, hi = table.MaxLevel;
        var levels = new long[hi - lo + 1];
        for (long v = lo; v <= hi; v++) levels[v - lo] = v;
        byte[] levelBytes = LevelBytes.From(levels, table.InputType);
        var codeBytes = new byte[levels.Length * table.CodeType.Size()];
        table.Encode(levelBytes, codeBytes);
        long[] codes = LevelBytes.ToLevels(codeBytes, table.CodeType);
        long[] lut = table.DecodeLut;

        Assert.Equal(0, codes[0]);
        Assert.Equal(table.CodeCount - 1, codes[^1]);
        Assert.Equal(table.CodeCount <= 256 ? PixelType.UInt8 : PixelType.UInt16, table.CodeType);
        int used = 0;
        int start = 0;
        for (int i = 1; i <= codes.Length; i++)
        {
            if (i < codes.Length)
            {
                if (codes[i] < codes[i - 1])
                    Assert.Fail($"Code decreases from level {levels[i - 1]} (code {codes[i - 1]}) to level {levels[i]} (code {codes[i]}).");
                if (codes[i] == codes[i - 1]) continue;
            }
            // levels[start .. i-1] share code codes[start]
            used++;
            long c = codes[start];
            double width = S(levels[i - 1], p) - S(levels[start], p);
            if (width > p.Beta * (1 + 1e-9))
                Assert.Fail($"Code {c} spans levels {levels[start]}..{levels[i - 1]}, width {width} in s > beta {p.Beta}.");
            if (lut[c] < levels[start] || lut[c] > levels[i - 1])
                Assert.Fail($"Code {c} decodes to {lut[c]}, outside its levels {levels[start]}..{levels[i - 1]}.");
            start = i;
        }
        return used;
    }
}
