using System;
using System.Linq;

namespace PhotonCodec.Core.Codecs;

/// <summary>
/// What a codec knows about the chunk it encodes: its shape, data type and fill value (one element, native
/// little-endian), as zarr-python's ArraySpec. In memory a chunk is C order, native little-endian.
/// </summary>
public sealed class ChunkSpec
{
    public ChunkSpec(int[] shape, PixelType dtype, byte[]? fillElement = null)
    {
        Shape = shape;
        DType = dtype;
        FillElement = fillElement ?? new byte[dtype.Size()];
        if (FillElement.Length != dtype.Size()) throw new ArgumentException("The fill element must be one element of the dtype.", nameof(fillElement));
        Elements = checked(shape.Aggregate(1, (acc, s) => checked(acc * s)));
        Bytes = checked(Elements * dtype.Size());
    }

    public int[] Shape { get; }
    public PixelType DType { get; }
    public byte[] FillElement { get; }
    public int Elements { get; }
    public int Bytes { get; }

    public ChunkSpec WithShape(int[] shape) => new(shape, DType, FillElement);

    /// <summary>True when every element equals the fill value (such a chunk need not be stored).</summary>
    public bool IsAllFill(ReadOnlySpan<byte> chunk)
    {
        int size = FillElement.Length;
        bool zero = FillElement.All(b => b == 0);
        if (zero)
        {
            foreach (byte b in chunk) if (b != 0) return false;
            return true;
        }
        for (int i = 0; i < chunk.Length; i += size)
            if (!chunk.Slice(i, size).SequenceEqual(FillElement)) return false;
        return true;
    }

    public void Fill(Span<byte> chunk)
    {
        if (FillElement.All(b => b == 0)) { chunk.Clear(); return; }
        for (int i = 0; i + FillElement.Length <= chunk.Length; i += FillElement.Length) FillElement.CopyTo(chunk.Slice(i));
    }
}
