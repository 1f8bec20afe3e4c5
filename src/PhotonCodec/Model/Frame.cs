using System;

namespace PhotonCodec;

/// <summary>One decoded frame (Get-PhotonFrame).</summary>
public sealed class Frame
{
    public int Index { get; init; }
    public int Height { get; init; }
    public int Width { get; init; }
    public string DType { get; init; } = "";
    public double Min { get; init; }
    public double Max { get; init; }
    public double Mean { get; init; }
    public string Path { get; init; } = "";

    /// <summary>The mode of the archive it was read from (Quantized, Lossless, Float; empty for another Zarr array).</summary>
    public string Mode { get; init; } = "";

    /// <summary>True when the pixels are the stored values (Get-PhotonFrame -Raw), not the decoded levels.</summary>
    public bool Raw { get; init; }

    /// <summary>The frame as a flat row-major array of its dtype (byte[], short[], ushort[], int[], float[] …).</summary>
    public Array Pixels { get; init; } = Array.Empty<byte>();

    /// <summary>The pixels as a 2-D array [row, column].</summary>
    public Array ToArray()
    {
        Type element = Pixels.GetType().GetElementType()!;
        Array result = Array.CreateInstance(element, Height, Width);
        Buffer.BlockCopy(Pixels, 0, result, 0, Buffer.ByteLength(Pixels));
        return result;
    }

    public override string ToString() => $"Frame {Index} ({Height}×{Width} {DType})";
}
