using System;
using PhotonCodec.Core.Tests.Support;
using PhotonCodec.Core.Tests.Transform;

namespace PhotonCodec.Core.Tests.Pipeline;

/// <summary>Added error per tenth of the pixels ranked by their true mean rate, in units of the true noise σ.</summary>
internal sealed class TruthDeciles
{
    public double[] Rms { get; } = new double[10];
    public double[] Bias { get; } = new double[10];
    public double WorstRms { get; private set; }
    public double WorstAbsBias { get; private set; }

    public TruthDeciles(FamilyMovie m, byte[] decodedBytes)
    {
        long[] original = LevelBytes.ToLevels(m.Bytes, m.Type), decoded = LevelBytes.ToLevels(decodedBytes, m.Type);
        int pixels = m.Height * m.Width;
        var meanRate = new double[pixels];
        for (int t = 0; t < m.Frames; t++)
            for (int i = 0; i < pixels; i++) meanRate[i] += m.Rate[t * pixels + i];
        var order = new int[pixels];
        for (int i = 0; i < pixels; i++) order[i] = i;
        Array.Sort((double[])meanRate.Clone(), order);
        var decileOf = new int[pixels];
        for (int k = 0; k < pixels; k++) decileOf[order[k]] = (int)((long)k * 10 / pixels);
        var sumE = new double[10];
        var sumE2 = new double[10];
        var sumVar = new double[10];
        var count = new long[10];
        for (int j = 0; j < original.Length; j++)
        {
            int d = decileOf[j % pixels];
            double e = decoded[j] - original[j];
            sumE[d] += e;
            sumE2[d] += e * e;
            sumVar[d] += m.TrueVariance(j);
            count[d]++;
        }
        for (int d = 0; d < 10; d++)
        {
            double sigma = Math.Sqrt(sumVar[d] / count[d]);     // RMS of the true σ over the decile's samples
            Rms[d] = Math.Sqrt(sumE2[d] / count[d]) / sigma;
            Bias[d] = sumE[d] / count[d] / sigma;
            WorstRms = Math.Max(WorstRms, Rms[d]);
            WorstAbsBias = Math.Max(WorstAbsBias, Math.Abs(Bias[d]));
        }
    }

    public override string ToString() =>
        "RMS/σ " + string.Join(" ", Array.ConvertAll(Rms, v => v.ToString("0.000"))) + " | bias/σ " + string.Join(" ", Array.ConvertAll(Bias, v => v.ToString("+0.000;-0.000")));
}
