using System;
using System.Buffers;
using System.IO;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// A 3-D Zarr v2 or v3 array (detected from the store) opened for frames: ours (any mode, decoded through the parameters in .zattrs) or any
/// array zarr-python wrote that we can decode (frames returned as stored).
/// </summary>
public sealed class PhotonArchive
{
    private readonly IChunkTransform _transform;

    private PhotonArchive(ZarrArrayReader store, CodecMode? mode, IChunkTransform transform, AnscombeParameters? parameters)
    {
        Store = store;
        Mode = mode;
        _transform = transform;
        Parameters = parameters;
    }

    public ZarrArrayReader Store { get; }

    /// <summary>The mode it was written in; null for a Zarr array without PhotonCodec attributes.</summary>
    public CodecMode? Mode { get; }

    public AnscombeParameters? Parameters { get; }

    public string Path => Store.Path;
    public int FrameCount => checked((int)Store.Metadata.Shape[0]);
    public int Height => checked((int)Store.Metadata.Shape[1]);
    public int Width => checked((int)Store.Metadata.Shape[2]);
    public int FramePixels => Height * Width;

    /// <summary>The type frames decode to (the source's dtype for our archives).</summary>
    public PixelType OriginalType => _transform.OriginalType;

    /// <summary>The type of the stored values (codes in Quantized mode).</summary>
    public PixelType StoredType => _transform.StoredType;

    /// <summary>Frames per piece that decodes on its own: the chunk (v2), the inner chunk of a shard (v3 sharded).</summary>
    public int FramesPerChunk => Store.Metadata.ReadChunkShape[0];

    /// <summary>2 or 3.</summary>
    public int ZarrFormat => Store.Metadata.ZarrFormat;

    /// <exception cref="DirectoryNotFoundException">no such folder</exception>
    /// <exception cref="ZarrFormatException">not a 3-D Zarr array we can decode</exception>
    public static PhotonArchive Open(string path)
    {
        // An OME-Zarr image group opens as its first dataset.
        ZarrArrayReader store = ZarrArrayReader.Open(Directory.Exists(path) ? OmeZarrGroup.ResolveArray(path) ?? path : path);
        if (store.Metadata.Shape.Length != 3)
            throw new ZarrFormatException($"'{path}' has {store.Metadata.Shape.Length} dimensions; PhotonCodec reads movies as 3-D arrays (frames, height, width).");
        PixelType stored = store.Metadata.DType;
        if (store.Attributes[PhotonAttributes.PhotonKey] is not System.Text.Json.Nodes.JsonObject)
            return new PhotonArchive(store, null, new LosslessTransform(stored), null);

        store.Checksums.RequireChunks = true; // ours: every chunk was written, so a missing one is an error, not zeros
        PhotonCodecDescription d = PhotonAttributes.Parse(store.Attributes);
        if (d.StoredType != stored)
            throw new ZarrFormatException($"'{path}': the photon attributes say the stored dtype is {d.StoredType.NumpyName()} but the array metadata says {stored.NumpyName()}.");
        (CodecMode mode, IChunkTransform transform) = d.Mode switch
        {
            PhotonModes.Lossless => (CodecMode.Lossless, (IChunkTransform)new LosslessTransform(stored)),
            PhotonModes.Quantized => (CodecMode.Quantized, new QuantizedTransform(d.ToQuantizationTable())),
            PhotonModes.Float => (CodecMode.Float, new FloatTransform(new FloatAnscombeCodec(d.OriginalType,
                d.Parameters ?? throw new ZarrFormatException($"'{path}': Float archive without Anscombe parameters."), d.StoredType))),
            _ => throw new ZarrFormatException($"'{path}': photon.mode '{d.Mode}' is not one this version reads."),
        };
        return new PhotonArchive(store, mode, transform, d.Parameters);
    }

    /// <summary>
    /// Frames [first, first+count) into <paramref name="destination"/>: decoded to <see cref="OriginalType"/>, or the stored
    /// values when <paramref name="raw"/>. Reads only the chunks that hold them, each once.
    /// </summary>
    public void ReadFrames(int first, int count, Span<byte> destination, bool raw = false)
    {
        if (first < 0 || count < 0 || first + count > FrameCount)
            throw new ArgumentOutOfRangeException(nameof(first), $"Frames {first}..{first + count - 1} are outside 0..{FrameCount - 1}.");
        int storedBytes = checked(count * FramePixels * StoredType.Size());
        if (raw)
        {
            Store.ReadFrames(first, count, destination.Slice(0, storedBytes));
            return;
        }
        byte[] buffer = ArrayPool<byte>.Shared.Rent(storedBytes);
        try
        {
            Store.ReadFrames(first, count, buffer.AsSpan(0, storedBytes));
            _transform.Decode(buffer.AsSpan(0, storedBytes), destination.Slice(0, count * FramePixels * OriginalType.Size()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
