using System;
using System.Collections.Generic;
using PhotonCodec.Core.Transform;
using Xunit.Abstractions;

namespace PhotonCodec.Core.Tests.Transform;

public sealed class QuantizationTableTests
{
    private readonly ITestOutputHelper _out;

    public QuantizationTableTests(ITestOutputHelper output) => _out = output;

    private static readonly double[] Gains = { 0.1, 0.5, 1, 2, 8, 30, 200, 1000, 10000 };

    public static IEnumerable<object[]> FullRangeCases()
    {
        foreach (PixelType t in new[] { PixelType.UInt8, PixelType.Int8, PixelType.UInt16, PixelType.Int16 })
            foreach (double beta in new[] { 0.05, 0.5, 1.0, 2.0 })
                yield return new object[] { t, beta };
    }

    /// <summary>
    /// A histogram holding every level of the dtype: the table is built over the full range (0..65535, −32768..32767),
    /// and is refused exactly when the spec's code count exceeds uint16.
    /// </summary>
    [Theory]
    [MemberData(nameof(FullRangeCases))]
    public void FullDtypeRange_IsMonotonicNarrowAndRefusedOnlyBeyondUInt16(PixelType type, double beta)
    {
        long[] all = LevelBytes.AllLevels(type);
        var histogram = new LevelHistogram(type);
        histogram.Add(LevelBytes.From(all, type));
        long lo = all[0], hi = all[^1];
        var zeros = new List<double> { 0, 200, 1000, hi };
        if (type.IsSigned()) zeros.AddRange(new double[] { -100, lo, -1000.5 });
        int built = 0, refused = 0;
        var refusedCombos = new List<string>();
        foreach (double gain in Gains)
            foreach (double zero in zeros)
                foreach (double readNoise in new[] { 0, 2 * gain, 8 })
                {
                    var p = new AnscombeParameters(gain, zero, readNoise, beta);
                    double expected = TableInvariants.ExpectedCodeCount(lo, hi, p);
                    if (expected > 65536)
                    {
                        var e = Assert.Throws<CodeRangeException>(() => QuantizationTable.Build(type, p, histogram));
                        Assert.Contains("beta " + beta, e.Message);
                        Assert.Contains("gain " + gain, e.Message);
                        Assert.Equal(expected, e.RequiredCodes);
                        refused++;
                        refusedCombos.Add($"g{gain}/z{zero}/rn{readNoise}");
                        continue;
                    }
                    var table = QuantizationTable.Build(type, p, histogram);
                    Assert.Equal(expected, table.CodeCount);
                    TableInvariants.Check(table, p);
                    built++;
                }
        _out.WriteLine($"{type} beta {beta}: {built} built, {refused} refused (codes > 65536): {string.Join(" ", refusedCombos)}");
    }

    [Fact]
    public void LowGainSmallBetaOnFullUInt16_IsRefusedNamingBetaAndGain()
    {
        var histogram = new LevelHistogram(PixelType.UInt16);
        histogram.Add(LevelBytes.From(new long[] { 0, 65535 }, PixelType.UInt16));
        var e = Assert.Throws<CodeRangeException>(() =>
            QuantizationTable.Build(PixelType.UInt16, new AnscombeParameters(0.1, 1000, 0, 0.05), histogram));
        Assert.Contains("beta 0.05", e.Message);
        Assert.Contains("gain 0.1", e.Message);
        // The same movie fits once beta is large enough.
        var table = QuantizationTable.Build(PixelType.UInt16, new AnscombeParameters(0.1, 1000, 0, 2), histogram);
        Assert.Equal(PixelType.UInt16, table.CodeType);
    }

    [Fact]
    public void CodesFittingInAByte_AreStoredAsUInt8()
    {
        // Two-photon-like parameters: gain 30, zero 200, read noise 8; levels 150..4000 need few codes.
        var p = new AnscombeParameters(30, 200, 8, 0.5);
        var histogram = new LevelHistogram(PixelType.UInt16);
        histogram.Add(LevelBytes.From(new long[] { 150, 200, 230, 4000 }, PixelType.UInt16));
        var table = QuantizationTable.Build(PixelType.UInt16, p, histogram);
        Assert.Equal(PixelType.UInt8, table.CodeType);
        Assert.Equal(TableInvariants.ExpectedCodeCount(150, 4000, p), table.CodeCount);
        Assert.True(table.CodeCount < 256);
    }

    [Fact]
    public void Encode_LevelOutsideTheHistogramRange_Throws()
    {
        var histogram = new LevelHistogram(PixelType.UInt16);
        histogram.Add(LevelBytes.From(new long[] { 100, 500 }, PixelType.UInt16));
        var table = QuantizationTable.Build(PixelType.UInt16, new AnscombeParameters(2, 100, 1), histogram);
        var codes = new byte[3 * table.CodeType.Size()];
        var e = Assert.Throws<LevelOutOfTableException>(() => table.Encode(LevelBytes.From(new long[] { 100, 501, 200 }, PixelType.UInt16), codes));
        Assert.Contains("501", e.Message);
        Assert.Throws<LevelOutOfTableException>(() => table.Encode(LevelBytes.From(new long[] { 99 }, PixelType.UInt16), codes));
    }

    [Fact]
    public void Decode_CodeBeyondTheTable_ThrowsInsteadOfReadingOutOfBounds()
    {
        var table = QuantizationTable.FromDecodeLut(PixelType.Int16, PixelType.UInt8, new long[] { -5, 0, 7 });
        var levels = new byte[4];
        table.Decode(new byte[] { 2, 0 }, levels);
        Assert.Equal(new long[] { 7, -5 }, LevelBytes.ToLevels(levels, PixelType.Int16));
        var e = Assert.Throws<CorruptCodeException>(() => table.Decode(new byte[] { 1, 3 }, levels));
        Assert.Contains("Code 3", e.Message);

        var wide = QuantizationTable.FromDecodeLut(PixelType.UInt16, PixelType.UInt16, new long[300]);
        Assert.Throws<CorruptCodeException>(() => wide.Decode(BitConverter.GetBytes((ushort)300), new byte[2]));
    }

    [Fact]
    public void FromDecodeLut_RejectsValuesOutsideTheDtypeAndCannotEncode()
    {
        Assert.Throws<ArgumentException>(() => QuantizationTable.FromDecodeLut(PixelType.UInt8, PixelType.UInt8, new long[] { 0, 256 }));
        Assert.Throws<ArgumentException>(() => QuantizationTable.FromDecodeLut(PixelType.UInt16, PixelType.UInt8, new long[257]));
        Assert.Throws<ArgumentException>(() => QuantizationTable.FromDecodeLut(PixelType.UInt16, PixelType.Int16, new long[2]));
        var table = QuantizationTable.FromDecodeLut(PixelType.UInt16, PixelType.UInt8, new long[] { 1, 2 });
        Assert.False(table.CanEncode);
        Assert.Throws<InvalidOperationException>(() => table.Encode(new byte[2], new byte[1]));
    }

    [Fact]
    public void DecodeLut_IsTheCountWeightedMeanOfTheLevelsSharingACode()
    {
        // gain 1000, read noise 3000: s moves 1/(1000·√9.375) per level, so hundreds of levels share each code at beta 1.
        var p = new AnscombeParameters(1000, 0, 3000, 1.0);
        var levels = new List<long>();
        for (int i = 0; i < 30; i++) levels.Add(10);
        levels.Add(20);
        for (int i = 0; i < 9; i++) levels.Add(41);
        var histogram = new LevelHistogram(PixelType.Int32);
        histogram.Add(LevelBytes.From(levels.ToArray(), PixelType.Int32));
        var table = QuantizationTable.Build(PixelType.Int32, p, histogram);
        Assert.Equal(1, table.CodeCount);
        // (30·10 + 20 + 9·41) / 40 = 17.225 → 17 (the only code: nothing to balance against)
        Assert.Equal(17, table.DecodeLut[0]);
    }

    [Fact]
    public void UnobservedCodes_DecodeToTheMidpointOfTheirLevels()
    {
        var p = new AnscombeParameters(1, 0, 0, 0.5);
        var histogram = new LevelHistogram(PixelType.UInt16);
        histogram.Add(LevelBytes.From(new long[] { 0, 2000 }, PixelType.UInt16));
        var table = QuantizationTable.Build(PixelType.UInt16, p, histogram);
        TableInvariants.Check(table, p);
        // Code of level 1000 is unobserved: it decodes to the midpoint of the levels sharing it.
        int c = table.CodeOf(1000);
        long first = 1000, last = 1000;
        while (table.CodeOf(first - 1) == c) first--;
        while (table.CodeOf(last + 1) == c) last++;
        Assert.True(last > first);
        Assert.Equal(first + (last - first + 1) / 2, table.DecodeLut[c]);
    }

    [Theory]
    [InlineData(PixelType.UInt32, 0L, 3_000_000L, 10000.0)]           // wider than a table: formula path
    [InlineData(PixelType.Int32, -2_000_000L, 2_500_000L, 5000.0)]
    [InlineData(PixelType.Int32, -40_000L, 300_000L, 30.0)]            // table path over the observed range
    public void ThirtyTwoBitInput_EncodesAndDecodesWithinEachCode(PixelType type, long lo, long hi, double gain)
    {
        var p = new AnscombeParameters(gain, 0, 2 * gain, 1.0);
        var rng = new Random(5);
        var levels = new long[20000];
        for (int i = 0; i < levels.Length; i++) levels[i] = lo + (long)(rng.NextDouble() * (hi - lo + 1));
        levels[0] = lo;
        levels[1] = hi;
        var histogram = new LevelHistogram(type);
        histogram.Add(LevelBytes.From(levels, type));
        var table = QuantizationTable.Build(type, p, histogram);
        Assert.Equal(TableInvariants.ExpectedCodeCount(lo, hi, p), table.CodeCount);
        var codes = new byte[levels.Length * table.CodeType.Size()];
        table.Encode(LevelBytes.From(levels, type), codes);
        var decoded = new byte[levels.Length * type.Size()];
        table.Decode(codes, decoded);
        long[] codeValues = LevelBytes.ToLevels(codes, table.CodeType);
        long[] back = LevelBytes.ToLevels(decoded, type);
        for (int i = 0; i < levels.Length; i++)
        {
            Assert.Equal(table.CodeOf(levels[i]), codeValues[i]);
            double ds = Math.Abs(TableInvariants.S(back[i], p.Gain, p.ZeroLevel, p.ReadNoise) - TableInvariants.S(levels[i], p.Gain, p.ZeroLevel, p.ReadNoise));
            Assert.True(ds <= p.Beta * (1 + 1e-9), $"level {levels[i]} decoded to {back[i]}: {ds} apart in s");
        }
        if (hi - lo < QuantizationTable.MaxEncodeTableSpan) TableInvariants.Check(table, p);
    }
}
