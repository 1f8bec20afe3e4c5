using System;
using System.Runtime.InteropServices;

namespace PhotonCodec.Core.Tests.Transform;

/// <summary>Native bytes of integer levels and back, for the transform tests.</summary>
internal static class LevelBytes
{
    public static byte[] From(long[] levels, PixelType type)
    {
        var bytes = new byte[levels.Length * type.Size()];
        for (int i = 0; i < levels.Length; i++) Write(bytes, type, i, levels[i]);
        return bytes;
    }

    public static long[] ToLevels(ReadOnlySpan<byte> bytes, PixelType type)
    {
        var levels = new long[bytes.Length / type.Size()];
        for (int i = 0; i < levels.Length; i++) levels[i] = Read(bytes, type, i);
        return levels;
    }

    /// <summary>Every level of an 8- or 16-bit type, lowest first.</summary>
    public static long[] AllLevels(PixelType type)
    {
        long lo = (long)type.MinValue(), hi = (long)type.MaxValue();
        var levels = new long[hi - lo + 1];
        for (long v = lo; v <= hi; v++) levels[v - lo] = v;
        return levels;
    }

    public static long Read(ReadOnlySpan<byte> bytes, PixelType type, int i) => type switch
    {
        PixelType.UInt8 => bytes[i],
        PixelType.Int8 => (sbyte)bytes[i],
        PixelType.UInt16 => MemoryMarshal.Read<ushort>(bytes.Slice(2 * i)),
        PixelType.Int16 => MemoryMarshal.Read<short>(bytes.Slice(2 * i)),
        PixelType.UInt32 => MemoryMarshal.Read<uint>(bytes.Slice(4 * i)),
        PixelType.Int32 => MemoryMarshal.Read<int>(bytes.Slice(4 * i)),
        _ => throw new NotSupportedException(type.ToString()),
    };

    public static void Write(Span<byte> bytes, PixelType type, int i, long v)
    {
        switch (type)
        {
            case PixelType.UInt8: bytes[i] = (byte)v; break;
            case PixelType.Int8: bytes[i] = (byte)(sbyte)v; break;
            case PixelType.UInt16: BitConverter.TryWriteBytes(bytes.Slice(2 * i), (ushort)v); break;
            case PixelType.Int16: BitConverter.TryWriteBytes(bytes.Slice(2 * i), (short)v); break;
            case PixelType.UInt32: BitConverter.TryWriteBytes(bytes.Slice(4 * i), (uint)v); break;
            case PixelType.Int32: BitConverter.TryWriteBytes(bytes.Slice(4 * i), (int)v); break;
            default: throw new NotSupportedException(type.ToString());
        }
    }
}
