using System;
using System.Buffers.Binary;
using System.IO;
using PureHDF;
using PureHDF.VOL.Native;

namespace PhotonCodec.Core.Sources;

/// <summary>Opens an HDF5 file through PureHDF, after checking its superblock against the file size (a truncated file is named as such).</summary>
internal static class Hdf5FileOpener
{
    public static NativeFile Open(string path, long superblockOffset)
    {
        var stream = SourceFile.OpenRead(path, 1 << 16);
        try
        {
            CheckEndOfFile(path, stream, superblockOffset);
            Stream view = superblockOffset == 0 ? stream : new Hdf5UserBlockStream(stream, superblockOffset);
            return H5File.Open(view, leaveOpen: false);
        }
        catch (Exception e) when (e is not (CorruptHdf5Exception or OutOfMemoryException))
        {
            stream.Dispose();
            throw new CorruptHdf5Exception(path, $"PureHDF could not read its structure ({e.Message}).", e);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The superblock records where the file's data ends; a file shorter than that lost its tail.</summary>
    /// <remarks>Layout of superblock versions 0–3: https://docs.hdfgroup.org/hdf5/develop/_f_m_t3.html#Superblock</remarks>
    private static void CheckEndOfFile(string path, FileStream stream, long offset)
    {
        var head = new byte[96];
        stream.Position = offset;
        int n = 0;
        while (n < head.Length)
        {
            int r = stream.Read(head, n, head.Length - n);
            if (r == 0) break;
            n += r;
        }
        if (n < 16) throw new CorruptHdf5Exception(path, $"the superblock at byte {offset} is cut short (the file has {stream.Length} bytes).");
        int version = head[8];
        int sizeOfOffsets, addresses;
        switch (version)
        {
            case 0: sizeOfOffsets = head[13]; addresses = 24; break;
            case 1: sizeOfOffsets = head[13]; addresses = 28; break;
            case 2:
            case 3: sizeOfOffsets = head[9]; addresses = 12; break;
            default: return; // a future version: let PureHDF judge it
        }
        if (sizeOfOffsets != 8 && sizeOfOffsets != 4) return;
        int eofAt = addresses + 2 * sizeOfOffsets;
        if (eofAt + sizeOfOffsets > n) throw new CorruptHdf5Exception(path, $"the superblock at byte {offset} is cut short (the file has {stream.Length} bytes).");
        ulong baseAddress = sizeOfOffsets == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(head.AsSpan(addresses)) : BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(addresses));
        ulong eof = sizeOfOffsets == 8 ? BinaryPrimitives.ReadUInt64LittleEndian(head.AsSpan(eofAt)) : BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(eofAt));
        bool undefined = sizeOfOffsets == 8 ? eof == ulong.MaxValue : eof == uint.MaxValue;
        // h5py/libhdf5 record the end address counted from the start of the file, user block included (base + relative).
        ulong end = eof >= baseAddress ? eof : baseAddress + eof;
        if (!undefined && end > (ulong)stream.Length)
            throw new CorruptHdf5Exception(path, $"its superblock says the data ends at byte {end}, but the file has only {stream.Length} bytes: it is truncated.");
    }
}
