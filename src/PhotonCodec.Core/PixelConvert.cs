using System;
using System.Runtime.InteropServices;

namespace PhotonCodec.Core;

/// <summary>Conversions between native pixel bytes and numbers or typed arrays.</summary>
public static class PixelConvert
{
    /// <summary>Widens native pixels of <paramref name="type"/> to doubles.</summary>
    public static void ToDoubles(ReadOnlySpan<byte> pixels, PixelType type, Span<double> destination)
    {
        int n = pixels.Length / type.Size();
        if (destination.Length < n) throw new ArgumentException("Destination is shorter than the pixels.", nameof(destination));
        switch (type)
        {
            case PixelType.UInt8: for (int i = 0; i < n; i++) destination[i] = pixels[i]; break;
            case PixelType.Int8: for (int i = 0; i < n; i++) destination[i] = (sbyte)pixels[i]; break;
            case PixelType.UInt16: Widen(MemoryMarshal.Cast<byte, ushort>(pixels), destination); break;
            case PixelType.Int16: Widen(MemoryMarshal.Cast<byte, short>(pixels), destination); break;
            case PixelType.UInt32: Widen(MemoryMarshal.Cast<byte, uint>(pixels), destination); break;
            case PixelType.Int32: Widen(MemoryMarshal.Cast<byte, int>(pixels), destination); break;
            case PixelType.UInt64: { var s = MemoryMarshal.Cast<byte, ulong>(pixels); for (int i = 0; i < n; i++) destination[i] = s[i]; break; }
            case PixelType.Int64: { var s = MemoryMarshal.Cast<byte, long>(pixels); for (int i = 0; i < n; i++) destination[i] = s[i]; break; }
            case PixelType.Float32: { var s = MemoryMarshal.Cast<byte, float>(pixels); for (int i = 0; i < n; i++) destination[i] = s[i]; break; }
            case PixelType.Float64: MemoryMarshal.Cast<byte, double>(pixels).CopyTo(destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, null);
        }
    }

    private static void Widen(ReadOnlySpan<ushort> s, Span<double> d) { for (int i = 0; i < s.Length; i++) d[i] = s[i]; }
    private static void Widen(ReadOnlySpan<short> s, Span<double> d) { for (int i = 0; i < s.Length; i++) d[i] = s[i]; }
    private static void Widen(ReadOnlySpan<uint> s, Span<double> d) { for (int i = 0; i < s.Length; i++) d[i] = s[i]; }
    private static void Widen(ReadOnlySpan<int> s, Span<double> d) { for (int i = 0; i < s.Length; i++) d[i] = s[i]; }

    /// <summary>A typed array (byte[], sbyte[], ushort[], short[], uint[], int[], ulong[], long[], float[], double[]) holding a copy of the pixels.</summary>
    public static Array ToTypedArray(ReadOnlySpan<byte> pixels, PixelType type)
    {
        int n = pixels.Length / type.Size();
        Array array = type switch
        {
            PixelType.UInt8 => new byte[n],
            PixelType.Int8 => new sbyte[n],
            PixelType.UInt16 => new ushort[n],
            PixelType.Int16 => new short[n],
            PixelType.UInt32 => new uint[n],
            PixelType.Int32 => new int[n],
            PixelType.UInt64 => new ulong[n],
            PixelType.Int64 => new long[n],
            PixelType.Float32 => new float[n],
            PixelType.Float64 => new double[n],
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            unsafe
            {
                pixels.Slice(0, n * type.Size()).CopyTo(new Span<byte>((void*)handle.AddrOfPinnedObject(), n * type.Size()));
            }
        }
        finally
        {
            handle.Free();
        }
        return array;
    }

    /// <summary>
    /// <see cref="ToTypedArray(ReadOnlySpan{byte}, PixelType)"/> and <see cref="Statistics"/> in one pass over the pixels
    /// (each value copied and counted while it is in a register).
    /// </summary>
    public static Array ToTypedArray(ReadOnlySpan<byte> pixels, PixelType type, out double min, out double max, out double mean)
    {
        if (pixels.Length >= type.Size())
        {
            switch (type)
            {
                case PixelType.UInt8: return CopyCounting<byte>(pixels, out min, out max, out mean);
                case PixelType.UInt16: return CopyCounting<ushort>(pixels, out min, out max, out mean);
                case PixelType.Int16: return CopyCounting<short>(pixels, out min, out max, out mean);
            }
        }
        (min, max, mean) = Statistics(pixels, type);
        return ToTypedArray(pixels, type);
    }

    // T is byte, ushort or short: the JIT compiles one loop per type and drops the (object) round trips.
    private static T[] CopyCounting<T>(ReadOnlySpan<byte> pixels, out double min, out double max, out double mean) where T : unmanaged
    {
        ReadOnlySpan<T> s = MemoryMarshal.Cast<byte, T>(pixels);
        var a = new T[s.Length];
        int lo = int.MaxValue, hi = int.MinValue;
        long sum = 0;
        for (int i = 0; i < s.Length; i++)
        {
            T x = a[i] = s[i];
            int v = typeof(T) == typeof(byte) ? (byte)(object)x : typeof(T) == typeof(ushort) ? (ushort)(object)x : (short)(object)x;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
            sum += v;
        }
        (min, max, mean) = (lo, hi, (double)sum / s.Length);
        return a;
    }

    /// <summary>Min, max and mean of native pixels.</summary>
    public static (double Min, double Max, double Mean) Statistics(ReadOnlySpan<byte> pixels, PixelType type)
    {
        int n = pixels.Length / type.Size();
        if (n == 0) return (double.NaN, double.NaN, double.NaN);
        const int Block = 4096;
        Span<double> buffer = new double[Math.Min(Block, n)];
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        int size = type.Size();
        for (int start = 0; start < n; start += Block)
        {
            int count = Math.Min(Block, n - start);
            ToDoubles(pixels.Slice(start * size, count * size), type, buffer);
            for (int i = 0; i < count; i++)
            {
                double v = buffer[i];
                if (v < min) min = v;
                if (v > max) max = v;
                sum += v;
            }
        }
        return (min, max, sum / n);
    }
}
