using System;

namespace PhotonCodec.Core;

/// <summary>Element type of a frame or an array, independent of byte order (values in memory are always native little-endian).</summary>
public enum PixelType
{
    UInt8,
    Int8,
    UInt16,
    Int16,
    UInt32,
    Int32,
    UInt64,
    Int64,
    Float32,
    Float64,
}

public static class PixelTypeInfo
{
    public static int Size(this PixelType type) => type switch
    {
        PixelType.UInt8 or PixelType.Int8 => 1,
        PixelType.UInt16 or PixelType.Int16 => 2,
        PixelType.UInt32 or PixelType.Int32 or PixelType.Float32 => 4,
        PixelType.UInt64 or PixelType.Int64 or PixelType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool IsInteger(this PixelType type) => type is not (PixelType.Float32 or PixelType.Float64);

    public static bool IsSigned(this PixelType type) =>
        type is PixelType.Int8 or PixelType.Int16 or PixelType.Int32 or PixelType.Int64 or PixelType.Float32 or PixelType.Float64;

    /// <summary>Smallest representable value (integers only; floats give -MaxValue).</summary>
    public static double MinValue(this PixelType type) => type switch
    {
        PixelType.UInt8 or PixelType.UInt16 or PixelType.UInt32 or PixelType.UInt64 => 0,
        PixelType.Int8 => sbyte.MinValue,
        PixelType.Int16 => short.MinValue,
        PixelType.Int32 => int.MinValue,
        PixelType.Int64 => long.MinValue,
        PixelType.Float32 => float.MinValue,
        PixelType.Float64 => double.MinValue,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static double MaxValue(this PixelType type) => type switch
    {
        PixelType.UInt8 => byte.MaxValue,
        PixelType.Int8 => sbyte.MaxValue,
        PixelType.UInt16 => ushort.MaxValue,
        PixelType.Int16 => short.MaxValue,
        PixelType.UInt32 => uint.MaxValue,
        PixelType.Int32 => int.MaxValue,
        PixelType.UInt64 => ulong.MaxValue,
        PixelType.Int64 => long.MaxValue,
        PixelType.Float32 => float.MaxValue,
        PixelType.Float64 => double.MaxValue,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>numpy's name: uint16, int16, float32 …</summary>
    public static string NumpyName(this PixelType type) => type switch
    {
        PixelType.UInt8 => "uint8",
        PixelType.Int8 => "int8",
        PixelType.UInt16 => "uint16",
        PixelType.Int16 => "int16",
        PixelType.UInt32 => "uint32",
        PixelType.Int32 => "int32",
        PixelType.UInt64 => "uint64",
        PixelType.Int64 => "int64",
        PixelType.Float32 => "float32",
        PixelType.Float64 => "float64",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static PixelType FromNumpyName(string name)
    {
        foreach (PixelType t in Enum.GetValues(typeof(PixelType)))
        {
            if (string.Equals(t.NumpyName(), name, StringComparison.OrdinalIgnoreCase)) return t;
        }
        throw new ArgumentException($"Unknown dtype name '{name}'.", nameof(name));
    }

    /// <summary>Zarr v2 / numpy typestr, little-endian: <c>|u1</c>, <c>&lt;u2</c>, <c>&lt;f4</c> …</summary>
    public static string ZarrDType(this PixelType type)
    {
        char kind = type.IsInteger() ? (type.IsSigned() ? 'i' : 'u') : 'f';
        int size = type.Size();
        return (size == 1 ? "|" : "<") + kind + size;
    }

    /// <summary>Parses a numpy typestr (<c>&lt;u2</c>, <c>&gt;i4</c>, <c>|u1</c>, <c>u1</c>); <paramref name="bigEndian"/> tells the stored byte order.</summary>
    public static PixelType FromZarrDType(string typestr, out bool bigEndian)
    {
        if (typestr is null) throw new ArgumentNullException(nameof(typestr));
        string s = typestr;
        bigEndian = false;
        if (s.Length > 0 && (s[0] == '<' || s[0] == '>' || s[0] == '|' || s[0] == '='))
        {
            bigEndian = s[0] == '>';
            s = s.Substring(1);
        }
        if (s.Length == 2 && int.TryParse(s.Substring(1), out int size))
        {
            PixelType? t = (s[0], size) switch
            {
                ('u', 1) => PixelType.UInt8,
                ('i', 1) => PixelType.Int8,
                ('u', 2) => PixelType.UInt16,
                ('i', 2) => PixelType.Int16,
                ('u', 4) => PixelType.UInt32,
                ('i', 4) => PixelType.Int32,
                ('u', 8) => PixelType.UInt64,
                ('i', 8) => PixelType.Int64,
                ('f', 4) => PixelType.Float32,
                ('f', 8) => PixelType.Float64,
                _ => null,
            };
            if (t is PixelType found)
            {
                if (size == 1) bigEndian = false;
                return found;
            }
        }
        throw new NotSupportedException($"Unsupported Zarr dtype '{typestr}': PhotonCodec reads integer and float arrays of 1 to 8 bytes.");
    }
}
