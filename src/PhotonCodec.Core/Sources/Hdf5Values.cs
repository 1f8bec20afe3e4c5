using System;
using PureHDF;

namespace PhotonCodec.Core.Sources;

/// <summary>Scalar attributes and datasets (numbers, strings) as plain values for provenance; anything else is null.</summary>
internal static class Hdf5Values
{
    public static object? Attribute(IH5Object owner, string name)
    {
        try
        {
            if (!owner.AttributeExists(name)) return null;
            IH5Attribute a = owner.Attribute(name);
            return Read(a.Type, () => a.Read<double>(), () => a.Read<float>(), () => a.Read<long>(), () => a.Read<int>(), () => a.Read<short>(), () => a.Read<string>());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    public static object? Dataset(IH5Group group, string name)
    {
        try
        {
            if (!group.LinkExists(name) || group.Get(name) is not IH5Dataset d) return null;
            if (d.Space.Type != H5DataspaceType.Scalar && !(d.Space.Rank == 1 && d.Space.Dimensions[0] == 1)) return null;
            if (d.Space.Type == H5DataspaceType.Scalar)
                return Read(d.Type, () => d.Read<double>(), () => d.Read<float>(), () => d.Read<long>(), () => d.Read<int>(), () => d.Read<short>(), () => d.Read<string>());
            return Read(d.Type, () => d.Read<double[]>()[0], () => d.Read<float[]>()[0], () => d.Read<long[]>()[0], () => d.Read<int[]>()[0], () => d.Read<short[]>()[0], () => d.Read<string[]>()[0]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static object? Read(IH5DataType type, Func<double> f64, Func<float> f32, Func<long> i64, Func<int> i32, Func<short> i16, Func<string> text) =>
        (type.Class, type.Size) switch
        {
            (H5DataTypeClass.FloatingPoint, 8) => f64(),
            (H5DataTypeClass.FloatingPoint, 4) => (double)f32(),
            (H5DataTypeClass.FixedPoint, 8) => i64(),
            (H5DataTypeClass.FixedPoint, 4) => (long)i32(),
            (H5DataTypeClass.FixedPoint, 2) => (long)i16(),
            (H5DataTypeClass.String or H5DataTypeClass.VariableLength, _) => text().TrimEnd('\0'),
            _ => null,
        };
}
