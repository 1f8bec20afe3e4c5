using System;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// Float mode's transform as an array→array codec: levels ↔ generalized-Anscombe values (float32/float64), inverted
/// and rounded per element. Built at read time from <c>attributes.photon</c> (never written to metadata, so other
/// readers see the stored floats); its configuration names the parameters for inspection.
/// </summary>
public sealed class AnscombeInverseCodec : ElementwiseCodec
{
    public const string CodecName = "photoncodec.anscombe";

    public AnscombeInverseCodec(FloatAnscombeCodec codec) => Codec = codec ?? throw new ArgumentNullException(nameof(codec));

    public FloatAnscombeCodec Codec { get; }

    public override string Name => CodecName;
    public override PixelType DecodedType => Codec.InputType;
    public override PixelType EncodedType => Codec.FloatType;

    public override JsonObject Configuration() => new()
    {
        ["gain"] = Codec.Parameters.Gain,
        ["zero_level"] = Codec.Parameters.ZeroLevel,
        ["read_noise"] = Codec.Parameters.ReadNoise,
        ["dtype"] = Codec.InputType.ZarrDType(),
        ["astype"] = Codec.FloatType.ZarrDType(),
    };

    public override void DecodeElements(ReadOnlySpan<byte> encoded, Span<byte> destination) => Codec.Decode(encoded, destination);

    public override void EncodeElements(ReadOnlySpan<byte> decoded, Span<byte> destination) => Codec.Encode(decoded, destination);
}
