using PhotonCodec.Core;
using PhotonCodec.Core.Pipeline;

namespace PhotonCodec.Infrastructure;

/// <summary>Core results → the module's output objects.</summary>
internal static class ResultMapper
{
    public static ConversionResult ToResult(ConversionSummary s, string parameterSource) => new()
    {
        Source = s.Source,
        Destination = s.Destination,
        Mode = s.Mode.ToString(),
        Frames = s.Frames,
        Height = s.Height,
        Width = s.Width,
        DType = s.PixelType.NumpyName(),
        InputBytes = s.InputBytes,
        StoredBytes = s.StoredBytes,
        Ratio = s.Ratio,
        Gain = s.Parameters?.Gain,
        ZeroLevel = s.Parameters?.ZeroLevel,
        ReadNoise = s.Parameters?.ReadNoise,
        Beta = s.Mode == CodecMode.Quantized ? s.Parameters?.Beta : null,
        ParameterSource = s.Parameters is null ? "" : parameterSource,
        Seconds = s.Seconds,
        EstimationSeconds = s.EstimationSeconds,
        MBPerSecond = s.MBPerSecond,
    };
}
