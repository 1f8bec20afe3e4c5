using System;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>Quantized mode: levels ↔ noise-bounded codes through the table.</summary>
internal sealed class QuantizedTransform : IChunkTransform
{
    private readonly QuantizationTable _table;

    public QuantizedTransform(QuantizationTable table) => _table = table;

    public PixelType OriginalType => _table.InputType;

    public PixelType StoredType => _table.CodeType;

    public void Encode(ReadOnlySpan<byte> original, Span<byte> stored) => _table.Encode(original, stored);

    public void Decode(ReadOnlySpan<byte> stored, Span<byte> original) => _table.Decode(stored, original);
}
