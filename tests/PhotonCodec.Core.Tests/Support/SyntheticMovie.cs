using System;

namespace PhotonCodec.Core.Tests.Support;

/// <summary>
/// Seeded photon-limited movies with known truth: level = round(zero + gain·Poisson(λ) + Normal(0, readNoise)), clipped to the dtype.
/// </summary>
public sealed class SyntheticMovie
{
    public required double Gain { get; init; }
    public required double ZeroLevel { get; init; }
    public required double ReadNoise { get; init; }
    public required PixelType PixelType { get; init; }
    public required int Frames { get; init; }
    public required int Height { get; init; }
    public required int Width { get; init; }

    /// <summary>Expected photons per pixel and frame, flat [t, y, x] (length Frames·Height·Width).</summary>
    public required double[] Rate { get; init; }

    /// <summary>The generated levels, flat [t, y, x], already clipped to the dtype range.</summary>
    public required long[] Levels { get; init; }

    /// <summary>True noise std in levels at λ photons: sqrt(gain²·λ + readNoise²).</summary>
    public double NoiseSigma(double lambda) => Math.Sqrt(Gain * Gain * lambda + ReadNoise * ReadNoise);

    /// <summary>Movie with one constant λ everywhere.</summary>
    public static SyntheticMovie Constant(int seed, double lambda, double gain, double zeroLevel, double readNoise, PixelType type, int frames, int height, int width) =>
        Generate(seed, gain, zeroLevel, readNoise, type, frames, height, width, (_, _, _) => lambda);

    public static SyntheticMovie Generate(int seed, double gain, double zeroLevel, double readNoise, PixelType type,
        int frames, int height, int width, Func<int, int, int, double> rate)
    {
        var rng = new Random(seed);
        int n = frames * height * width;
        var rates = new double[n];
        var levels = new long[n];
        double lo = type.MinValue(), hi = type.MaxValue();
        int i = 0;
        for (int t = 0; t < frames; t++)
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++, i++)
                {
                    double lambda = rate(t, y, x);
                    rates[i] = lambda;
                    double v = zeroLevel + gain * Poisson(rng, lambda) + (readNoise > 0 ? readNoise * Normal(rng) : 0);
                    levels[i] = (long)Math.Min(hi, Math.Max(lo, Math.Round(v, MidpointRounding.ToEven)));
                }
        return new SyntheticMovie
        {
            Gain = gain, ZeroLevel = zeroLevel, ReadNoise = readNoise, PixelType = type,
            Frames = frames, Height = height, Width = width, Rate = rates, Levels = levels,
        };
    }

    /// <summary>The levels as native bytes of <see cref="PixelType"/>, frame after frame.</summary>
    public byte[] ToBytes()
    {
        int size = PixelType.Size();
        var bytes = new byte[Levels.Length * size];
        for (int k = 0; k < Levels.Length; k++)
        {
            long v = Levels[k];
            switch (PixelType)
            {
                case PixelType.UInt8: bytes[k] = (byte)v; break;
                case PixelType.Int8: bytes[k] = (byte)(sbyte)v; break;
                case PixelType.UInt16: BitConverter.TryWriteBytes(bytes.AsSpan(k * 2), (ushort)v); break;
                case PixelType.Int16: BitConverter.TryWriteBytes(bytes.AsSpan(k * 2), (short)v); break;
                case PixelType.UInt32: BitConverter.TryWriteBytes(bytes.AsSpan(k * 4), (uint)v); break;
                case PixelType.Int32: BitConverter.TryWriteBytes(bytes.AsSpan(k * 4), (int)v); break;
                default: throw new NotSupportedException(PixelType.ToString());
            }
        }
        return bytes;
    }

    public static double Normal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Exact Poisson sampling: multiplication method for small λ, Hörmann's PTRS (transformed rejection) for λ ≥ 10.</summary>
    public static long Poisson(Random rng, double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda < 10)
        {
            double l = Math.Exp(-lambda), p = 1.0;
            long k = 0;
            do { k++; p *= rng.NextDouble(); } while (p > l);
            return k - 1;
        }
        double slam = Math.Sqrt(lambda), loglam = Math.Log(lambda);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = rng.NextDouble() - 0.5;
            double v = rng.NextDouble();
            double us = 0.5 - Math.Abs(u);
            long k = (long)Math.Floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(invalpha) - Math.Log(a / (us * us) + b) <= -lambda + k * loglam - LogFactorial(k)) return k;
        }
    }

    private static double LogFactorial(long k)
    {
        if (k < 2) return 0;
        // Stirling series; exact enough for rejection sampling (k ≥ 2).
        double x = k + 1.0;
        return (x - 0.5) * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI) + 1.0 / (12 * x) - 1.0 / (360 * x * x * x);
    }
}
