using System;
using System.Collections.Generic;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>Splits pixels into tenths by temporal mean and sums their noise and error figures.</summary>
internal static class IntensityDeciles
{
    /// <summary>Declared noise variance at a mean level: gain·(mean − zero) above the zero level, plus readNoise².</summary>
    public static double DeclaredVariance(AnscombeParameters p, double mean) =>
        Math.Max(0, p.Gain * (mean - p.ZeroLevel)) + p.ReadNoise * p.ReadNoise;

    /// <param name="noise">Per-pixel mean and measured noise.</param>
    /// <param name="parameters">For the declared noise; null leaves it NaN.</param>
    /// <param name="sumError">Per-pixel Σ(decoded − original), or null for no errors.</param>
    /// <param name="sumSquaredError">Per-pixel Σ(decoded − original)².</param>
    /// <param name="excluded">Pixels left out (e.g. clipped ones), or null.</param>
    public static IntensityDecile[] Compute(PixelTemporalNoise noise, AnscombeParameters? parameters,
        double[]? sumError, double[]? sumSquaredError, bool[]? excluded = null)
    {
        if (noise.PixelCount == 0 || noise.Frames == 0) return Array.Empty<IntensityDecile>();
        var included = new List<int>(noise.PixelCount);
        for (int i = 0; i < noise.PixelCount; i++)
            if (excluded is null || !excluded[i]) included.Add(i);
        int n = included.Count;
        if (n == 0) return Array.Empty<IntensityDecile>();
        var means = new double[noise.PixelCount];
        var keys = new double[n];
        int[] order = included.ToArray();
        for (int k = 0; k < n; k++) keys[k] = means[order[k]] = noise.Mean(order[k]);
        Array.Sort(keys, order);
        int groups = Math.Min(10, n);
        var deciles = new IntensityDecile[groups];
        for (int g = 0; g < groups; g++)
        {
            int start = (int)((long)g * n / groups), end = (int)((long)(g + 1) * n / groups);
            double mean = 0, declared = 0, measured = 0, err = 0, errSq = 0;
            for (int k = start; k < end; k++)
            {
                int i = order[k];
                mean += means[i];
                declared += parameters is null ? double.NaN : DeclaredVariance(parameters, means[i]);
                measured += noise.NoiseVariance(i);
                if (sumError is not null) err += sumError[i];
                if (sumSquaredError is not null) errSq += sumSquaredError[i];
            }
            int pixels = end - start;
            double samples = (double)pixels * noise.Frames;
            deciles[g] = new IntensityDecile
            {
                Decile = g + 1,
                Pixels = pixels,
                MeanLevel = mean / pixels,
                DeclaredNoise = Math.Sqrt(declared / pixels),
                MeasuredNoise = Math.Sqrt(measured / pixels),
                RmsError = Math.Sqrt(errSq / samples),
                Bias = err / samples,
            };
        }
        return deciles;
    }
}
