using System;
using System.Globalization;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Tests.Support;

/// <summary>
/// A seeded movie of ../shared/tools/make_movie.py with its truth (the json) and its expected photons per pixel
/// and frame (--save-rate), loaded into memory.
/// </summary>
public sealed class FamilyMovie
{
    private FamilyMovie(string name, byte[] bytes, float[] rate, PixelType type, int frames, int height, int width,
        double gain, double ptcGain, double zero, double readNoise)
    {
        Name = name;
        Bytes = bytes;
        Rate = rate;
        Type = type;
        Frames = frames;
        Height = height;
        Width = width;
        Gain = gain;
        PtcGain = ptcGain;
        ZeroLevel = zero;
        ReadNoise = readNoise;
    }

    public string Name { get; }
    public byte[] Bytes { get; }
    public float[] Rate { get; }
    public PixelType Type { get; }
    public int Frames { get; }
    public int Height { get; }
    public int Width { get; }

    /// <summary>Mean pulse height (levels per photon).</summary>
    public double Gain { get; }

    /// <summary>Variance-vs-mean slope G·(1 + CV²): the gain that stabilizes the variance.</summary>
    public double PtcGain { get; }
    public double ZeroLevel { get; }
    public double ReadNoise { get; }

    /// <summary>The true parameters of the noise model (gain = the photon-transfer gain).</summary>
    public AnscombeParameters TrueParameters(double beta = AnscombeParameters.DefaultBeta) =>
        new(PtcGain, ZeroLevel, ReadNoise, beta, StabilizingTransform.NoiseModel);

    /// <summary>True noise variance of a sample: rate·G²·(1 + CV²) + rn² = ptcGain·G·rate + rn² (before clipping).</summary>
    public double TrueVariance(int sample) => PtcGain * Gain * Rate[sample] + ReadNoise * ReadNoise;

    public static FamilyMovie Make(string name, params string[] arguments)
    {
        using var dir = new TempDir();
        string tif = dir.File("movie.tif");
        Python.Run(File.ReadAllText(RepoPaths.MakeMovie), new[] { tif, "--save-rate" }.Concat(arguments).ToArray());
        string[] info = Python.Run("""
            import sys, json, numpy, tifffile
            tif = sys.argv[1]
            movie = tifffile.imread(tif)
            movie.tofile(tif + ".raw")
            numpy.load(tif + ".rate.npy").astype(numpy.float32).tofile(tif + ".rate.raw")
            t = json.load(open(tif + ".json"))
            print(movie.dtype, *movie.shape, t["gain"], t["ptc_gain"], t["zero_level"], t["read_noise"])
            """, tif).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double D(int i) => double.Parse(info[i], CultureInfo.InvariantCulture);
        byte[] rateBytes = File.ReadAllBytes(tif + ".rate.raw");
        var rate = new float[rateBytes.Length / 4];
        Buffer.BlockCopy(rateBytes, 0, rate, 0, rateBytes.Length);
        return new FamilyMovie(name, File.ReadAllBytes(tif + ".raw"), rate, PixelTypeInfo.FromNumpyName(info[0]),
            int.Parse(info[1]), int.Parse(info[2]), int.Parse(info[3]), D(4), D(5), D(6), D(7));
    }

    internal InMemoryFrameSource Source() => new(Bytes, Type, Frames, Height, Width);

    public override string ToString() => Name;
}
