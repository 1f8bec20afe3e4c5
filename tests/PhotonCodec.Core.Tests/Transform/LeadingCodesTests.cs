using PhotonCodec.Core.Tests.Support;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Tests.Transform;

public sealed class LeadingCodesTests
{
    [Theory]
    [InlineData(StabilizingTransform.NoiseModel)]
    [InlineData(StabilizingTransform.Anscombe)]
    public void LeadingCodesShiftEveryCode_AndDecodeEveryLevelTheSame(StabilizingTransform transform)
    {
        var movie = SyntheticMovie.Constant(7, 20, 30, 200, 8, PixelType.UInt16, 4, 32, 32);
        var histogram = new LevelHistogram(PixelType.UInt16);
        histogram.Add(movie.ToBytes());
        var p = new AnscombeParameters(30, 200, 8, 0.5, transform);
        QuantizationTable plain = QuantizationTable.Build(PixelType.UInt16, p, histogram);
        QuantizationTable shifted = QuantizationTable.Build(PixelType.UInt16, p, histogram, 5);
        Assert.Equal(plain.CodeCount + 5, shifted.CodeCount);
        long[] lut = shifted.DecodeLut;
        for (int c = 0; c < 5; c++) Assert.Equal(histogram.Min, lut[c]);
        for (long level = histogram.Min; level <= histogram.Max; level++)
        {
            Assert.Equal(plain.CodeOf(level) + 5, shifted.CodeOf(level));
            Assert.Equal(plain.DecodeLut[plain.CodeOf(level)], lut[shifted.CodeOf(level)]);
        }
        // An archive's decode-only table accepts the leading entries.
        Assert.Equal(lut, QuantizationTable.FromDecodeLut(PixelType.UInt16, shifted.CodeType, lut).DecodeLut);
    }
}
