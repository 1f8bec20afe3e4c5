using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace PhotonCodec.Core.Stores;

/// <summary>Fills a missing chunk with the array's fill_value (null means zeros, as zarr-python reads it).</summary>
internal static class FillValueWriter
{
    public static void Fill(Span<byte> target, ZarrArrayMetadata m)
    {
        target.Clear();
        if (m.FillValue is not JsonValue v) return;
        double value;
        if (v.TryGetValue(out string? text))
        {
            value = text switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => double.Parse(text!, CultureInfo.InvariantCulture),
            };
        }
        else if (v.TryGetValue(out bool b)) value = b ? 1 : 0;
        else if (v.TryGetValue(out double d)) value = d;
        else if (v.TryGetValue(out long l)) value = l;
        else if (v.TryGetValue(out int i)) value = i;
        else value = double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);
        if (value == 0) return;
        switch (m.DType)
        {
            case PixelType.UInt8: target.Fill((byte)value); break;
            case PixelType.Int8: target.Fill((byte)(sbyte)value); break;
            case PixelType.UInt16: MemoryMarshal.Cast<byte, ushort>(target).Fill((ushort)value); break;
            case PixelType.Int16: MemoryMarshal.Cast<byte, short>(target).Fill((short)value); break;
            case PixelType.UInt32: MemoryMarshal.Cast<byte, uint>(target).Fill((uint)value); break;
            case PixelType.Int32: MemoryMarshal.Cast<byte, int>(target).Fill((int)value); break;
            case PixelType.UInt64: MemoryMarshal.Cast<byte, ulong>(target).Fill((ulong)value); break;
            case PixelType.Int64: MemoryMarshal.Cast<byte, long>(target).Fill((long)value); break;
            case PixelType.Float32: MemoryMarshal.Cast<byte, float>(target).Fill((float)value); break;
            case PixelType.Float64: MemoryMarshal.Cast<byte, double>(target).Fill(value); break;
        }
    }
}
