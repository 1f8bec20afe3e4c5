namespace PhotonCodec.Core.Pipeline;

/// <summary>How frames are stored.</summary>
public enum CodecMode
{
    /// <summary>Noise-bounded integer codes in the Anscombe-stabilized domain (lossy, below the photon noise).</summary>
    Quantized,

    /// <summary>The input integers as they are (bit-exact).</summary>
    Lossless,

    /// <summary>The seed spec's float Anscombe values (exactly invertible; stores more bytes than Lossless).</summary>
    Float,
}
