using System;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Calibration;

/// <summary>
/// Seeded photon-limited test movie with known detector truth, written straight to native bytes:
/// a dark border (λ = 0, 23 % of the pixels), a horizontal gradient of 0.5–50 photons that bleaches slowly,
/// and a few transient blobs (+20 photons for 4 frames) that break the constant-scene assumption.
/// </summary>
internal static class DetectorMovie
{
    public const int Border = 8;

    public static byte[] Generate(int seed, double gain, double zeroLevel, double readNoise, PixelType type, int frames, int height, int width)
    {
        var rng = new Random(seed);
        int size = type.Size();
        var bytes = new byte[(long)frames * height * width * size];
        double lo = type.MinValue(), hi = type.MaxValue();
        var blobs = new (int T, int Y, int X)[6];
        for (int i = 0; i < blobs.Length; i++) blobs[i] = (rng.Next(frames), rng.Next(Border + 6, height - Border - 6), rng.Next(Border + 6, width - Border - 6));
        long k = 0;
        for (int t = 0; t < frames; t++)
        {
            double bleach = Math.Exp(-t / 600.0);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++, k++)
                {
                    double lambda = 0;
                    if (y >= Border && y < height - Border && x >= Border && x < width - Border)
                    {
                        lambda = bleach * (0.5 + 49.5 * (x - Border) / (width - 2.0 * Border - 1));
                        foreach (var b in blobs)
                            if (t >= b.T && t < b.T + 4 && (y - b.Y) * (y - b.Y) + (x - b.X) * (x - b.X) <= 25) lambda += 20;
                    }
                    double v = zeroLevel + gain * SyntheticMovie.Poisson(rng, lambda) + (readNoise > 0 ? readNoise * SyntheticMovie.Normal(rng) : 0);
                    Write(bytes, k, type, Math.Min(hi, Math.Max(lo, Math.Round(v))));
                }
        }
        return bytes;
    }

    /// <summary>The narrowest of uint16, int16, int32 that holds the movie without clipping its noise.</summary>
    public static PixelType TypeFor(double gain, double zeroLevel, double readNoise)
    {
        double low = zeroLevel - 6 * readNoise - 1;
        double high = zeroLevel + gain * 100 + 6 * readNoise + 1;
        if (low >= 0 && high <= ushort.MaxValue) return PixelType.UInt16;
        if (low >= short.MinValue && high <= short.MaxValue) return PixelType.Int16;
        return PixelType.Int32;
    }

    private static void Write(byte[] bytes, long k, PixelType type, double v)
    {
        switch (type)
        {
            case PixelType.UInt8: bytes[k] = (byte)v; break;
            case PixelType.UInt16: BitConverter.TryWriteBytes(bytes.AsSpan((int)(k * 2)), (ushort)v); break;
            case PixelType.Int16: BitConverter.TryWriteBytes(bytes.AsSpan((int)(k * 2)), (short)v); break;
            case PixelType.Int32: BitConverter.TryWriteBytes(bytes.AsSpan((int)(k * 4)), (int)v); break;
            case PixelType.Float32: BitConverter.TryWriteBytes(bytes.AsSpan((int)(k * 4)), (float)v); break;
            default: throw new NotSupportedException(type.ToString());
        }
    }
}
