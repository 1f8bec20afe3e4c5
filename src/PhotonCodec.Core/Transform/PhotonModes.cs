namespace PhotonCodec.Core.Transform;

/// <summary>Values of the <c>photon.mode</c> attribute.</summary>
public static class PhotonModes
{
    /// <summary>Integer codes from quantizing in the stabilized domain; decoded through <c>decode_lut</c>.</summary>
    public const string Quantized = "quantized";

    /// <summary>The original levels, stored unchanged.</summary>
    public const string Lossless = "lossless";

    /// <summary>Stabilized values s(level) as float32/float64, inverted exactly.</summary>
    public const string Float = "float";

    public static bool IsKnown(string? mode) => mode is Quantized or Lossless or Float;
}
