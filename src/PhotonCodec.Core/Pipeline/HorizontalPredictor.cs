using System;
using System.Buffers.Binary;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// TIFF Predictor 2 (horizontal differencing, TIFF 6.0 section 14): each sample of a row becomes its difference from
/// the sample on its left, modulo 2^bits, on the little-endian values as stored. Integer samples of 1, 2 or 4 bytes.
/// </summary>
internal static class HorizontalPredictor
{
    public static bool Supports(PixelType type) => type.IsInteger() && type.Size() <= 4;

    /// <summary>Differences every row of <paramref name="rows"/> (whole rows of <paramref name="width"/> samples) in place.</summary>
    public static void Apply(Span<byte> rows, int width, int sampleSize)
    {
        int rowBytes = width * sampleSize;
        for (int start = 0; start + rowBytes <= rows.Length; start += rowBytes)
        {
            Span<byte> row = rows.Slice(start, rowBytes);
            switch (sampleSize)
            {
                case 1:
                    for (int i = width - 1; i > 0; i--) row[i] = (byte)(row[i] - row[i - 1]);
                    break;
                case 2:
                    for (int i = width - 1; i > 0; i--)
                        BinaryPrimitives.WriteUInt16LittleEndian(row.Slice(2 * i), (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(row.Slice(2 * i)) - BinaryPrimitives.ReadUInt16LittleEndian(row.Slice(2 * i - 2))));
                    break;
                case 4:
                    for (int i = width - 1; i > 0; i--)
                        BinaryPrimitives.WriteUInt32LittleEndian(row.Slice(4 * i), BinaryPrimitives.ReadUInt32LittleEndian(row.Slice(4 * i)) - BinaryPrimitives.ReadUInt32LittleEndian(row.Slice(4 * i - 4)));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, "horizontal differencing is for 1-, 2- and 4-byte samples.");
            }
        }
    }

    /// <summary>The inverse of <see cref="Apply"/> (a running sum per row), as a reader undoes it.</summary>
    public static void Undo(Span<byte> rows, int width, int sampleSize)
    {
        int rowBytes = width * sampleSize;
        for (int start = 0; start + rowBytes <= rows.Length; start += rowBytes)
        {
            Span<byte> row = rows.Slice(start, rowBytes);
            for (int i = 1; i < width; i++)
            {
                switch (sampleSize)
                {
                    case 1: row[i] = (byte)(row[i] + row[i - 1]); break;
                    case 2: BinaryPrimitives.WriteUInt16LittleEndian(row.Slice(2 * i), (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(row.Slice(2 * i)) + BinaryPrimitives.ReadUInt16LittleEndian(row.Slice(2 * i - 2)))); break;
                    case 4: BinaryPrimitives.WriteUInt32LittleEndian(row.Slice(4 * i), BinaryPrimitives.ReadUInt32LittleEndian(row.Slice(4 * i)) + BinaryPrimitives.ReadUInt32LittleEndian(row.Slice(4 * i - 4))); break;
                    default: throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, "horizontal differencing is for 1-, 2- and 4-byte samples.");
                }
            }
        }
    }
}
