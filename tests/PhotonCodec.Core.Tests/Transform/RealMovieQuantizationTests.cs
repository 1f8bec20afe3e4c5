using System;
using System.IO;
using PhotonCodec.Core.Tests.Support;
using PhotonCodec.Core.Transform;
using Xunit.Abstractions;

namespace PhotonCodec.Core.Tests.Transform;

/// <summary>The real movies of /work/shared/data with the gain and zero level of their README (low gains, int16 and uint8).</summary>
public sealed class RealMovieQuantizationTests
{
    private readonly ITestOutputHelper _out;

    public RealMovieQuantizationTests(ITestOutputHelper output) => _out = output;

    [Theory]
    [InlineData("thunder-mouse-vs1.tif", 1.78, 13.9)]
    [InlineData("detrendr-bleached.tif", 1.06, -2.6)]
    [InlineData("nandb-50-big.tif", 1.03, 0.3)]
    public void EveryPixelDecodesWithinOneStepOfBeta(string file, double gain, double zero)
    {
        using var dir = new TempDir();
        string raw = dir.File("movie.raw");
        string dtype = Python.Run("""
            import sys, tifffile
            movie = tifffile.imread(sys.argv[1])
            movie.tofile(sys.argv[2])
            print(movie.dtype)
            """, Path.Combine("/work/shared/data", file), raw).Trim();
        PixelType type = PixelTypeInfo.FromNumpyName(dtype);
        byte[] bytes = File.ReadAllBytes(raw);
        var histogram = new LevelHistogram(type);
        histogram.Add(bytes);
        foreach (double beta in new[] { 0.5, 1.0 })
        {
            var p = new AnscombeParameters(gain, zero, 0, beta);
            var table = QuantizationTable.Build(type, p, histogram);
            TableInvariants.Check(table, p);
            var codes = new byte[bytes.Length / type.Size() * table.CodeType.Size()];
            table.Encode(bytes, codes);
            var decoded = new byte[bytes.Length];
            table.Decode(codes, decoded);
            long[] original = LevelBytes.ToLevels(bytes, type), back = LevelBytes.ToLevels(decoded, type);
            double sum = 0, sumSq = 0, worstS = 0;
            long worstLevels = 0;
            for (int i = 0; i < original.Length; i++)
            {
                double e = back[i] - original[i];
                sum += e;
                sumSq += e * e;
                worstLevels = Math.Max(worstLevels, Math.Abs(back[i] - original[i]));
                worstS = Math.Max(worstS, Math.Abs(GeneralizedAnscombe.Forward(back[i], p) - GeneralizedAnscombe.Forward(original[i], p)));
            }
            double bias = sum / original.Length, std = Math.Sqrt(sumSq / original.Length - bias * bias);
            _out.WriteLine($"{file} {dtype} levels {histogram.Min}..{histogram.Max}, beta {beta}: {table.CodeCount} {table.CodeType} codes, " +
                           $"bias {bias:+0.000;-0.000} levels, error std {std:0.000} levels, worst |error| {worstLevels} levels ({worstS:0.000} in s)");
            Assert.True(worstS <= beta * (1 + 1e-9), $"a pixel decoded {worstS} away in s (beta {beta})");
            Assert.True(Math.Abs(bias) <= 0.1, $"bias {bias} levels");
        }
    }
}
