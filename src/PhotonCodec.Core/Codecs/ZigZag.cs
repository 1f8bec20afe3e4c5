namespace PhotonCodec.Core.Codecs;

/// <summary>
/// Zig-zag mapping of a difference taken modulo 2^bits (bits = 8, 16 or 32) to an unsigned value of the same width:
/// 0, −1, 1, −2, 2, … → 0, 1, 2, 3, 4, … (as in protobuf's sint encoding). Small differences of either sign become small
/// values, and the map is a bijection on bits-wide words, so a prediction residual is reversible whatever its size.
/// </summary>
internal static class ZigZag
{
    /// <summary>(value − prediction) mod 2^bits, zig-zag mapped.</summary>
    public static uint Encode(uint value, uint prediction, int bits)
    {
        int shift = 32 - bits;
        int d = (int)((value - prediction) << shift) >> shift; // the wrapped difference, sign-extended
        return (uint)((d << 1) ^ (d >> 31)) & Mask(bits);
    }

    /// <summary>The value whose <see cref="Encode"/> against <paramref name="prediction"/> is <paramref name="residual"/>.</summary>
    public static uint Decode(uint residual, uint prediction, int bits)
    {
        int d = (int)(residual >> 1) ^ -(int)(residual & 1);
        return (prediction + (uint)d) & Mask(bits);
    }

    public static uint Mask(int bits) => bits == 32 ? uint.MaxValue : (1u << bits) - 1;
}
