using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Transform;

/// <summary>
/// Builds and reads the <c>.zattrs</c> JSON of a photon-coded array (JSON only, no file I/O).
/// The <c>photon</c> object holds the full description; the seed codec's flat keys (<c>codec_name</c>,
/// <c>anscombe_gain</c>, <c>anscombe_offset</c> = zero level, <c>anscombe_variance</c> = read noise² in levels²,
/// <c>original_dtype</c>) are written at the top level for older readers.
/// A Python user decodes quantized codes with <c>numpy.asarray(attrs["photon"]["decode_lut"])[codes]</c>.
/// </summary>
public static class PhotonAttributes
{
    public const string PhotonKey = "photon";
    public const string CodecName = "photon";

    /// <summary><c>photon.transform</c> of the seed's generalized Anscombe form (also what archives without the key used).</summary>
    public const string AnscombeTransform = "generalized_anscombe";

    /// <summary><c>photon.transform</c> of the detector noise-model form.</summary>
    public const string NoiseModelTransform = "noise_model";

    public static JsonObject Build(PhotonCodecDescription d)
    {
        Validate(d);
        var photon = new JsonObject
        {
            ["mode"] = d.Mode,
            ["codec_version"] = d.CodecVersion,
            ["original_dtype"] = d.OriginalType.NumpyName(),
            ["code_dtype"] = d.StoredType.NumpyName(),
        };
        AnscombeParameters? p = d.Parameters;
        if (p is not null)
        {
            bool noiseModel = p.Transform == StabilizingTransform.NoiseModel;
            photon["transform"] = noiseModel ? NoiseModelTransform : AnscombeTransform;
            photon["gain"] = p.Gain;
            photon["zero_level"] = p.ZeroLevel;
            photon["read_noise"] = p.ReadNoise;
            photon["beta"] = p.Beta;
            photon["forward"] = noiseModel
                ? "sigma**2 = gain*(level - zero_level) + read_noise**2 above zero_level, read_noise**2 below; s = integral of 1/max(sigma, 1/beta): " +
                  "c = max(read_noise, 1/beta); knee = zero_level + (c**2 - read_noise**2) / gain; " +
                  "s = 2*(level - knee) / (sqrt(gain*(level - zero_level) + read_noise**2) + c) if level >= knee else (level - knee) / c"
                : "p = (level - zero_level) / gain; r = (read_noise / gain)**2; " +
                  "s = 2*sqrt(p + 3/8 + r) if p >= 0 else 2*sqrt(3/8 + r) + p / sqrt(3/8 + r)";
        }
        if (d.Mode == PhotonModes.Quantized)
        {
            photon["code"] = p!.Transform == StabilizingTransform.NoiseModel
                ? "round(s(level) / beta) - code_offset, halves away from zero"
                : "round((s(level) - s(zero_level)) / beta) - code_offset, halves away from zero";
            var lut = new JsonArray();
            foreach (long v in d.DecodeLut!) lut.Add(v);
            photon["decode_lut"] = lut;
            photon["decode"] = "numpy.asarray(attrs['photon']['decode_lut'])[codes]";
        }
        var zattrs = new JsonObject
        {
            [PhotonKey] = photon,
            ["codec_name"] = CodecName,
            ["original_dtype"] = d.OriginalType.NumpyName(),
        };
        if (p is not null)
        {
            zattrs["anscombe_gain"] = p.Gain;
            zattrs["anscombe_offset"] = p.ZeroLevel;
            zattrs["anscombe_variance"] = p.ReadNoise * p.ReadNoise;
        }
        return zattrs;
    }

    public static PhotonCodecDescription Parse(JsonObject zattrs)
    {
        if (zattrs is null) throw new ArgumentNullException(nameof(zattrs));
        // A parsed JsonObject builds its dictionary on first access and throws ArgumentException on a duplicate key.
        try { return ParseObject(zattrs); }
        catch (ArgumentException e) { throw new PhotonAttributesException($"The attributes are malformed (a key given twice?): {e.Message}"); }
    }

    private static PhotonCodecDescription ParseObject(JsonObject zattrs)
    {
        if (zattrs[PhotonKey] is not JsonObject photon)
            throw new PhotonAttributesException("The attributes have no 'photon' object: this is not a PhotonCodec array.");
        string mode = String(photon, "mode");
        if (!PhotonModes.IsKnown(mode))
            throw new PhotonAttributesException($"photon.mode is '{mode}'; expected '{PhotonModes.Quantized}', '{PhotonModes.Lossless}' or '{PhotonModes.Float}'.");
        int version = (int)Integer(photon, "codec_version");
        if (version < 1 || version > PhotonCodecDescription.CurrentVersion)
            throw new PhotonAttributesException($"photon.codec_version {version} is not supported (this reader knows 1..{PhotonCodecDescription.CurrentVersion}).");
        PixelType original = DType(photon, "original_dtype");
        PixelType stored = DType(photon, "code_dtype");

        AnscombeParameters? p = null;
        if (photon.ContainsKey("gain"))
        {
            p = new AnscombeParameters(Number(photon, "gain"), Number(photon, "zero_level"), Number(photon, "read_noise"), Number(photon, "beta"),
                Transform(photon));
            try { p.Validate(); }
            catch (ArgumentOutOfRangeException e) { throw new PhotonAttributesException("photon parameters are invalid: " + e.Message); }
        }
        long[]? lut = null;
        if (mode == PhotonModes.Quantized)
        {
            if (photon["decode_lut"] is not JsonArray array)
                throw new PhotonAttributesException("photon.decode_lut is missing or not an array.");
            lut = new long[array.Count];
            for (int i = 0; i < lut.Length; i++) lut[i] = ToInteger(array[i], $"decode_lut[{i}]");
        }
        var d = new PhotonCodecDescription(mode, version, original, stored, p, lut);
        try { Validate(d); }
        catch (ArgumentException e) { throw new PhotonAttributesException(e.Message); }
        return d;
    }

    private static void Validate(PhotonCodecDescription d)
    {
        if (d is null) throw new ArgumentNullException(nameof(d));
        if (!PhotonModes.IsKnown(d.Mode)) throw new ArgumentException($"Unknown photon mode '{d.Mode}'.", nameof(d));
        // Lossless stores any dtype as it is (float32/float64 included); the photon modes need integer levels.
        if (d.Mode != PhotonModes.Lossless && !LevelHistogram.IsSupported(d.OriginalType))
            throw new ArgumentException($"The original type must be an 8-, 16- or 32-bit integer type, not {d.OriginalType}.", nameof(d));
        switch (d.Mode)
        {
            case PhotonModes.Quantized:
                if (d.Parameters is null) throw new ArgumentException("Quantized mode needs the Anscombe parameters.", nameof(d));
                if (d.DecodeLut is null) throw new ArgumentException("Quantized mode needs the decode table.", nameof(d));
                if (d.StoredType is not (PixelType.UInt8 or PixelType.UInt16))
                    throw new ArgumentException($"Quantized codes are uint8 or uint16, not {d.StoredType}.", nameof(d));
                int limit = d.StoredType == PixelType.UInt8 ? 256 : 65536;
                if (d.DecodeLut.Length == 0 || d.DecodeLut.Length > limit)
                    throw new ArgumentException($"A {d.StoredType.NumpyName()} decode table has 1 to {limit} entries, not {d.DecodeLut.Length}.", nameof(d));
                double lo = d.OriginalType.MinValue(), hi = d.OriginalType.MaxValue();
                foreach (long v in d.DecodeLut)
                    if (v < lo || v > hi)
                        throw new ArgumentException($"Decode table value {v} is outside the {d.OriginalType.NumpyName()} range.", nameof(d));
                // Codes stand for levels in increasing order; a table that decreases was damaged (or edited).
                for (int c = 1; c < d.DecodeLut.Length; c++)
                    if (d.DecodeLut[c] < d.DecodeLut[c - 1])
                        throw new ArgumentException($"The decode table decreases at entry {c} ({d.DecodeLut[c - 1]}, then {d.DecodeLut[c]}); it must not.", nameof(d));
                break;
            case PhotonModes.Float:
                if (d.Parameters is null) throw new ArgumentException("Float mode needs the Anscombe parameters.", nameof(d));
                if (d.Parameters.Transform != StabilizingTransform.Anscombe)
                    throw new ArgumentException("Float mode stores the seed's generalized Anscombe values; its transform must be Anscombe.", nameof(d));
                if (d.StoredType is not (PixelType.Float32 or PixelType.Float64))
                    throw new ArgumentException($"Float mode stores float32 or float64, not {d.StoredType}.", nameof(d));
                break;
            case PhotonModes.Lossless:
                if (d.StoredType != d.OriginalType)
                    throw new ArgumentException($"Lossless mode stores the original {d.OriginalType.NumpyName()}, not {d.StoredType.NumpyName()}.", nameof(d));
                break;
        }
        d.Parameters?.Validate();
    }

    private static StabilizingTransform Transform(JsonObject photon)
    {
        if (!photon.ContainsKey("transform")) return StabilizingTransform.Anscombe;
        return String(photon, "transform") switch
        {
            AnscombeTransform => StabilizingTransform.Anscombe,
            NoiseModelTransform => StabilizingTransform.NoiseModel,
            string other => throw new PhotonAttributesException(
                $"photon.transform is '{other}'; expected '{NoiseModelTransform}' or '{AnscombeTransform}'."),
        };
    }

    private static JsonNode Required(JsonObject o, string key) =>
        o[key] ?? throw new PhotonAttributesException($"photon.{key} is missing.");

    private static string String(JsonObject o, string key)
    {
        JsonNode node = Required(o, key);
        if (node is JsonValue v && v.TryGetValue(out string? s) && s is not null) return s;
        if (node is JsonValue e && e.TryGetValue(out JsonElement el) && el.ValueKind == JsonValueKind.String) return el.GetString()!;
        throw new PhotonAttributesException($"photon.{key} must be a string.");
    }

    private static PixelType DType(JsonObject o, string key)
    {
        string name = String(o, key);
        try { return PixelTypeInfo.FromNumpyName(name); }
        catch (ArgumentException) { throw new PhotonAttributesException($"photon.{key} '{name}' is not a known dtype."); }
    }

    private static double Number(JsonObject o, string key) => ToNumber(Required(o, key), key);

    private static long Integer(JsonObject o, string key) => ToInteger(Required(o, key), key);

    private static double ToNumber(JsonNode? node, string what)
    {
        if (node is JsonValue v)
        {
            if (v.TryGetValue(out double d)) return d;
            if (v.TryGetValue(out long l)) return l;
            if (v.TryGetValue(out int i)) return i;
            if (v.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number) return e.GetDouble();
        }
        throw new PhotonAttributesException($"photon.{what} must be a number.");
    }

    private static long ToInteger(JsonNode? node, string what)
    {
        if (node is JsonValue v)
        {
            if (v.TryGetValue(out long l)) return l;
            if (v.TryGetValue(out int i)) return i;
            if (v.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long el)) return el;
            double d = ToNumber(node, what);
            if (d == Math.Floor(d) && Math.Abs(d) < 9e15) return (long)d;
        }
        throw new PhotonAttributesException($"photon.{what} must be an integer, not {node?.ToJsonString() ?? "null"}.");
    }
}
