using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// The <c>photoncodec.predict</c> array→array codec: temporal prediction of integer frames. Per chunk it tries
/// <see cref="PredictionMethod.None"/>, <see cref="PredictionMethod.Baseline"/> (per-pixel temporal mean) and
/// <see cref="PredictionMethod.PreviousFrame"/> on a sample of frames, keeps the one whose sample compresses smallest,
/// and stores the residuals (value − prediction modulo 2^bits, zig-zag mapped; <see cref="ZigZag"/>) — exact for any
/// integer input. Example: <c>{"name":"photoncodec.predict","configuration":{"dtype":"|u1"}}</c> (v2: a filter
/// <c>{"id":"photoncodec.predict","dtype":"|u1"}</c>). The encoded chunk is one dimension of the same dtype, in order:
/// <list type="bullet">
/// <item>a 16-byte header: version 1, method, element size, 0, frames (uint32 LE), pixels per frame (uint32 LE), 4 zero bytes;</item>
/// <item>the reference frame (pixels elements);</item>
/// <item>the residual frames (frames × pixels elements, C order).</item>
/// </list>
/// Decoding: Baseline: value = reference + unzig(residual); PreviousFrame: value = reference + cumulative sum over
/// frames of unzig(residual); both modulo 2^bits. A numpy version is in the README ("The Max profile").
/// </summary>
public sealed class TemporalPredictionCodec : ArrayToArrayCodec
{
    public const string CodecName = "photoncodec.predict";
    public const int HeaderBytes = 16;
    private const byte Version = 1;
    private const int SampleFrames = 8;

    public TemporalPredictionCodec(PixelType dtype)
    {
        if (!dtype.IsInteger() || dtype.Size() > 4)
            throw new CodecConfigurationException($"{CodecName} predicts integers of 1, 2 or 4 bytes, not {dtype.NumpyName()}.");
        DType = dtype;
    }

    /// <summary>The element type it predicts (the chunk's dtype).</summary>
    public PixelType DType { get; }

    public override string Name => CodecName;

    public override JsonObject Configuration() => new() { ["dtype"] = DType.ZarrDType() };

    public static TemporalPredictionCodec FromConfiguration(JsonObject? c)
    {
        string dtype = c?["dtype"]?.GetValue<string>() ?? throw new CodecConfigurationException($"{CodecName} needs a dtype.");
        try { return new TemporalPredictionCodec(PixelTypeInfo.FromZarrDType(dtype, out _)); }
        catch (NotSupportedException ex) { throw new CodecConfigurationException($"{CodecName} dtype '{dtype}': {ex.Message}"); }
    }

    public override ChunkSpec Resolve(ChunkSpec input)
    {
        if (input.DType != DType)
            throw new CodecConfigurationException($"{CodecName} is configured for {DType.NumpyName()}; the chunk is {input.DType.NumpyName()}.");
        if (input.Shape.Length < 2) throw new CodecConfigurationException($"{CodecName} needs chunks of frames (at least 2 dimensions).");
        (int frames, int pixels) = Split(input);
        int size = DType.Size();
        return new ChunkSpec(new[] { checked(HeaderBytes / size + (frames + 1) * pixels) }, DType, input.FillElement);
    }

    public override byte[] Encode(ReadOnlySpan<byte> chunk, ChunkSpec spec)
    {
        (int frames, int pixels) = Split(spec);
        int size = DType.Size(), bits = 8 * size, n = frames * pixels;
        uint[] values = ArrayPool<uint>.Shared.Rent(n);
        uint[] reference = new uint[pixels];
        try
        {
            Load(chunk.Slice(0, spec.Bytes), size, values.AsSpan(0, n));
            PredictionMethod method = Choose(values, frames, pixels, bits, reference);
            var output = new byte[HeaderBytes + (frames + 1) * pixels * size];
            output[0] = Version;
            output[1] = (byte)method;
            output[2] = (byte)size;
            BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(4), (uint)frames);
            BinaryPrimitives.WriteUInt32LittleEndian(output.AsSpan(8), (uint)pixels);
            Fill(method, values, frames, pixels, bits, reference);
            Store(reference, size, output.AsSpan(HeaderBytes, pixels * size));
            var residuals = new uint[n];
            for (int t = 0; t < frames; t++) Residuals(method, values, t, pixels, bits, reference, residuals.AsSpan(t * pixels, pixels));
            Store(residuals, size, output.AsSpan(HeaderBytes + pixels * size));
            return output;
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(values);
        }
    }

    public override void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> destination)
    {
        (int frames, int pixels) = Split(spec);
        int size = DType.Size(), bits = 8 * size;
        int expected = HeaderBytes + (frames + 1) * pixels * size;
        if (encoded.Length < expected) throw new CorruptChunkException($"a predicted chunk of {frames}×{pixels} {DType.NumpyName()} is {expected} bytes; got {encoded.Length}.");
        if (encoded[0] != Version) throw new CorruptChunkException($"{CodecName} chunk version {encoded[0]} is not {Version}.");
        if (encoded[1] > (byte)PredictionMethod.PreviousFrame) throw new CorruptChunkException($"{CodecName} chunk names prediction method {encoded[1]}, which is none of 0–2.");
        if (encoded[2] != size || BinaryPrimitives.ReadUInt32LittleEndian(encoded.Slice(4)) != frames || BinaryPrimitives.ReadUInt32LittleEndian(encoded.Slice(8)) != pixels)
            throw new CorruptChunkException($"{CodecName} chunk header says {BinaryPrimitives.ReadUInt32LittleEndian(encoded.Slice(4))} frames of {BinaryPrimitives.ReadUInt32LittleEndian(encoded.Slice(8))} pixels, {encoded[2]}-byte values; the chunk is {frames} of {pixels}, {size}-byte.");
        var method = (PredictionMethod)encoded[1];
        if (size == 1)
        {
            DecodeBytes(method, encoded.Slice(HeaderBytes), frames, pixels, destination.Slice(0, spec.Bytes));
            return;
        }
        var reference = new uint[pixels];
        Load(encoded.Slice(HeaderBytes, pixels * size), size, reference);
        int n = frames * pixels;
        uint[] values = ArrayPool<uint>.Shared.Rent(n);
        try
        {
            Span<uint> v = values.AsSpan(0, n);
            Load(encoded.Slice(HeaderBytes + pixels * size, n * size), size, v);
            if (method != PredictionMethod.None)
            {
                for (int t = 0; t < frames; t++)
                {
                    Span<uint> frame = v.Slice(t * pixels, pixels);
                    ReadOnlySpan<uint> prediction = method == PredictionMethod.Baseline || t == 0 ? reference : v.Slice((t - 1) * pixels, pixels);
                    for (int p = 0; p < pixels; p++) frame[p] = ZigZag.Decode(frame[p], prediction[p], bits);
                }
            }
            Store(v, size, destination.Slice(0, spec.Bytes));
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(values);
        }
    }

    /// <summary>The 1-byte case (Quantized codes are uint8 on most movies) in place, without widening to uint.</summary>
    private static void DecodeBytes(PredictionMethod method, ReadOnlySpan<byte> body, int frames, int pixels, Span<byte> values)
    {
        ReadOnlySpan<byte> reference = body.Slice(0, pixels);
        body.Slice(pixels, frames * pixels).CopyTo(values);
        if (method == PredictionMethod.None) return;
        for (int t = 0; t < frames; t++)
        {
            Span<byte> frame = values.Slice(t * pixels, pixels);
            ReadOnlySpan<byte> prediction = method == PredictionMethod.Baseline || t == 0 ? reference : values.Slice((t - 1) * pixels, pixels);
            for (int p = 0; p < pixels; p++)
            {
                int r = frame[p];
                frame[p] = (byte)(prediction[p] + ((r >> 1) ^ -(r & 1)));
            }
        }
    }

    // Frames along the first axis, pixels the product of the others.
    private static (int Frames, int Pixels) Split(ChunkSpec spec)
    {
        int pixels = 1;
        for (int d = 1; d < spec.Shape.Length; d++) pixels = checked(pixels * spec.Shape[d]);
        return (spec.Shape[0], pixels);
    }

    /// <summary>The method whose reference + residuals of a sample of frames compress smallest (scaled to all frames).</summary>
    private PredictionMethod Choose(uint[] values, int frames, int pixels, int bits, uint[] reference)
    {
        int size = bits / 8;
        int sampled = Math.Min(frames, SampleFrames);
        var sample = new uint[sampled * pixels];
        var bytes = new byte[sample.Length * size];
        var referenceBytes = new byte[pixels * size];
        PredictionMethod best = PredictionMethod.None;
        double bestSize = double.MaxValue;
        foreach (PredictionMethod method in new[] { PredictionMethod.None, PredictionMethod.Baseline, PredictionMethod.PreviousFrame })
        {
            if (method == PredictionMethod.PreviousFrame && frames < 2) continue;
            Fill(method, values, frames, pixels, bits, reference);
            for (int i = 0; i < sampled; i++)
            {
                // Evenly spread frames, the first excluded where possible: its previous-frame residual is always 0.
                int t = frames <= sampled ? i : 1 + (int)((long)i * (frames - 1) / sampled);
                Residuals(method, values, t, pixels, bits, reference, sample.AsSpan(i * pixels, pixels));
            }
            Store(sample, size, bytes);
            Store(reference, size, referenceBytes);
            double estimate = SmallestBlosc(referenceBytes, size) + SmallestBlosc(bytes, size) * (double)frames / sampled;
            if (estimate < bestSize)
            {
                bestSize = estimate;
                best = method;
            }
        }
        return best;
    }

    private static int SmallestBlosc(byte[] data, int typeSize) => Math.Min(
        BloscCodec.Compress(data, typeSize, 1, BloscShuffle.Bit).Length, BloscCodec.Compress(data, typeSize, 1, BloscShuffle.None).Length);

    /// <summary>The reference frame of <paramref name="method"/>: zeros, the rounded per-pixel mean, or frame 0.</summary>
    private void Fill(PredictionMethod method, uint[] values, int frames, int pixels, int bits, uint[] reference)
    {
        switch (method)
        {
            case PredictionMethod.None:
                Array.Clear(reference, 0, pixels);
                break;
            case PredictionMethod.PreviousFrame:
                Array.Copy(values, reference, pixels);
                break;
            default:
                var sums = new long[pixels];
                bool signed = DType.IsSigned();
                int shift = 32 - bits;
                for (int t = 0; t < frames; t++)
                {
                    ReadOnlySpan<uint> frame = values.AsSpan(t * pixels, pixels);
                    if (signed) for (int p = 0; p < pixels; p++) sums[p] += (int)(frame[p] << shift) >> shift;
                    else for (int p = 0; p < pixels; p++) sums[p] += frame[p];
                }
                uint mask = ZigZag.Mask(bits);
                long twice = 2L * frames;
                for (int p = 0; p < pixels; p++)
                {
                    long q = 2 * sums[p] + frames; // round(sum / frames), halves up, with floor division
                    long mean = q >= 0 ? q / twice : -((-q + twice - 1) / twice);
                    reference[p] = (uint)mean & mask;
                }
                break;
        }
    }

    private static void Residuals(PredictionMethod method, uint[] values, int t, int pixels, int bits, uint[] reference, Span<uint> residuals)
    {
        ReadOnlySpan<uint> frame = values.AsSpan(t * pixels, pixels);
        if (method == PredictionMethod.None)
        {
            frame.CopyTo(residuals);
            return;
        }
        ReadOnlySpan<uint> prediction = method == PredictionMethod.Baseline || t == 0 ? reference : values.AsSpan((t - 1) * pixels, pixels);
        for (int p = 0; p < pixels; p++) residuals[p] = ZigZag.Encode(frame[p], prediction[p], bits);
    }

    private static void Load(ReadOnlySpan<byte> source, int size, Span<uint> values)
    {
        switch (size)
        {
            case 1: for (int i = 0; i < values.Length; i++) values[i] = source[i]; break;
            case 2:
                ReadOnlySpan<ushort> u16 = MemoryMarshal.Cast<byte, ushort>(source);
                for (int i = 0; i < values.Length; i++) values[i] = u16[i];
                break;
            default: MemoryMarshal.Cast<byte, uint>(source).Slice(0, values.Length).CopyTo(values); break;
        }
    }

    private static void Store(ReadOnlySpan<uint> values, int size, Span<byte> destination)
    {
        switch (size)
        {
            case 1: for (int i = 0; i < values.Length; i++) destination[i] = (byte)values[i]; break;
            case 2:
                Span<ushort> u16 = MemoryMarshal.Cast<byte, ushort>(destination);
                for (int i = 0; i < values.Length; i++) u16[i] = (ushort)values[i];
                break;
            default: MemoryMarshal.Cast<uint, byte>(values).CopyTo(destination); break;
        }
    }
}
