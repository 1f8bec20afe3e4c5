namespace PhotonCodec.Core.Codecs;

/// <summary>Blosc's pre-filter, numbered as numcodecs numbers it (NOSHUFFLE, SHUFFLE, BITSHUFFLE).</summary>
public enum BloscShuffle
{
    None = 0,
    Byte = 1,
    Bit = 2,
}
