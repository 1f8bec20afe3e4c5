using System;

namespace PhotonCodec.Core.Transform;

/// <summary>What a photon-coded Zarr array holds and how to turn it back into levels (the <c>.zattrs</c> content).</summary>
/// <param name="Mode">One of <see cref="PhotonModes"/>.</param>
/// <param name="CodecVersion">Format version; <see cref="CurrentVersion"/> when writing.</param>
/// <param name="OriginalType">Pixel type of the input levels.</param>
/// <param name="StoredType">Pixel type of the stored array: uint8/uint16 codes, the original type (lossless), or float32/float64.</param>
/// <param name="Parameters">Photon-transfer parameters; required for quantized and float modes.</param>
/// <param name="DecodeLut">Code → level table; required for quantized mode.</param>
public sealed record PhotonCodecDescription(
    string Mode,
    int CodecVersion,
    PixelType OriginalType,
    PixelType StoredType,
    AnscombeParameters? Parameters,
    long[]? DecodeLut)
{
    public const int CurrentVersion = 1;

    /// <summary>Description of a quantized array written with <paramref name="table"/>.</summary>
    public static PhotonCodecDescription ForQuantized(QuantizationTable table)
    {
        if (table is null) throw new ArgumentNullException(nameof(table));
        if (table.Parameters is null) throw new ArgumentException("A decode-only table carries no parameters to describe.", nameof(table));
        return new(PhotonModes.Quantized, CurrentVersion, table.InputType, table.CodeType, table.Parameters, table.DecodeLut);
    }

    /// <summary>Description of a float-mode array written with <paramref name="codec"/>.</summary>
    public static PhotonCodecDescription ForFloat(FloatAnscombeCodec codec)
    {
        if (codec is null) throw new ArgumentNullException(nameof(codec));
        return new(PhotonModes.Float, CurrentVersion, codec.InputType, codec.FloatType, codec.Parameters, null);
    }

    /// <summary>Description of a lossless array; <paramref name="parameters"/> (if known) are kept for reference.</summary>
    public static PhotonCodecDescription ForLossless(PixelType type, AnscombeParameters? parameters = null) =>
        new(PhotonModes.Lossless, CurrentVersion, type, type, parameters, null);

    /// <summary>The decode-only table of a quantized description.</summary>
    public QuantizationTable ToQuantizationTable()
    {
        if (Mode != PhotonModes.Quantized || DecodeLut is null)
            throw new InvalidOperationException($"A {Mode} array has no decode table.");
        return QuantizationTable.FromDecodeLut(OriginalType, StoredType, DecodeLut);
    }
}
