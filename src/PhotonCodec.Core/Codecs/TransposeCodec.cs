using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// The <c>transpose</c> array→array codec: the chunk's axes permuted, output axis i = input axis order[i]
/// (https://zarr-specs.readthedocs.io/en/latest/v3/codecs/transpose/index.html). Example:
/// <c>{"name":"transpose","configuration":{"order":[2,1,0]}}</c>. PhotonCodec reads it; it writes frames in C order.
/// </summary>
public sealed class TransposeCodec : ArrayToArrayCodec
{
    public const string CodecName = "transpose";

    public TransposeCodec(int[] order)
    {
        if (!order.OrderBy(o => o).SequenceEqual(Enumerable.Range(0, order.Length)))
            throw new CodecConfigurationException($"transpose order [{string.Join(",", order)}] is not a permutation of 0..{order.Length - 1}.");
        Order = order;
    }

    public int[] Order { get; }

    public override string Name => CodecName;

    public override JsonObject Configuration() => new() { ["order"] = new JsonArray(Order.Select(o => (JsonNode)o).ToArray()) };

    public static TransposeCodec FromConfiguration(JsonObject? c) =>
        new((c?["order"] as JsonArray ?? throw new CodecConfigurationException("transpose needs an order.")).Select(n => n?.GetValue<int>() ?? throw new CodecConfigurationException("transpose order holds a null.")).ToArray());

    public override ChunkSpec Resolve(ChunkSpec input)
    {
        if (input.Shape.Length != Order.Length)
            throw new CodecConfigurationException($"transpose order has {Order.Length} axes; the chunk has {input.Shape.Length}.");
        return input.WithShape(Order.Select(o => input.Shape[o]).ToArray());
    }

    public override byte[] Encode(ReadOnlySpan<byte> chunk, ChunkSpec spec)
    {
        var output = new byte[spec.Bytes];
        Permute(chunk, spec, output, toTransposed: true);
        return output;
    }

    public override void Decode(ReadOnlySpan<byte> encoded, ChunkSpec spec, Span<byte> destination) =>
        Permute(encoded, spec, destination.Slice(0, spec.Bytes), toTransposed: false);

    // Walks the original chunk in C order; element at original index i sits at transposed index (i[order[0]], i[order[1]], …).
    private void Permute(ReadOnlySpan<byte> source, ChunkSpec spec, Span<byte> destination, bool toTransposed)
    {
        if (source.Length < spec.Bytes) throw new CorruptChunkException($"a transposed chunk is {spec.Bytes} bytes; got {source.Length}.");
        int rank = Order.Length, size = spec.DType.Size();
        int[] shape = spec.Shape, transposed = Resolve(spec).Shape;
        var stride = new long[rank]; // stride, in the transposed layout, of each original axis
        long s = 1;
        for (int k = rank - 1; k >= 0; k--)
        {
            stride[Order[k]] = s;
            s *= transposed[k];
        }
        var at = new int[rank];
        for (long original = 0; original < spec.Elements; original++)
        {
            long t = 0;
            for (int d = 0; d < rank; d++) t += at[d] * stride[d];
            int from = (int)((toTransposed ? original : t) * size), to = (int)((toTransposed ? t : original) * size);
            source.Slice(from, size).CopyTo(destination.Slice(to, size));
            for (int d = rank - 1; d >= 0 && ++at[d] == shape[d]; d--) at[d] = 0;
        }
    }
}
