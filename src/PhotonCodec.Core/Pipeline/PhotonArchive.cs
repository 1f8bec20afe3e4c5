using System;
using System.IO;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// A 3-D Zarr v2 or v3 array (detected from the store) opened for frames: ours (any mode, decoded through the parameters in .zattrs) or any
/// array zarr-python wrote that we can decode (frames returned as stored).
/// </summary>
/// <remarks>
/// The photon transform's inverse is the first codec of the chain frames are decoded through, chunk by chunk (so a
/// frame never needs another chunk's pixels): a <c>-DecodeFilter</c> archive names it in its metadata (the
/// <c>photoncodec.decode_lut</c> filter / leading codec); a plain archive's chain is that of a plain Zarr array, so
/// zarr-python and zarrita read its codes, and the decode table (Quantized) or float inverse (Float) is built from
/// <c>attributes.photon</c> and prepended here, at read time.
/// </remarks>
public sealed class PhotonArchive
{
    private PhotonArchive(ZarrArrayReader store, CodecMode? mode, ElementwiseCodec? decode, AnscombeParameters? parameters)
    {
        Store = store;
        Mode = mode;
        StoredType = store.Metadata.DType;
        OriginalType = decode?.DecodedType ?? StoredType;
        Codecs = decode is null ? store.Metadata.Codecs : store.Metadata.Codecs.Prepend(decode);
        Parameters = parameters;
    }

    public ZarrArrayReader Store { get; }

    /// <summary>The mode it was written in; null for a Zarr array without PhotonCodec attributes.</summary>
    public CodecMode? Mode { get; }

    public AnscombeParameters? Parameters { get; }

    /// <summary>The chain frames decode through: the photon decode (when there is one) leading the array's codecs.</summary>
    public CodecChain Codecs { get; }

    public string Path => Store.Path;
    public int FrameCount => checked((int)Store.Metadata.Shape[0]);
    public int Height => checked((int)Store.Metadata.Shape[1]);
    public int Width => checked((int)Store.Metadata.Shape[2]);
    public int FramePixels => Height * Width;

    /// <summary>The type frames decode to (the source's dtype for our archives).</summary>
    public PixelType OriginalType { get; }

    /// <summary>The type of the stored values (codes in Quantized mode).</summary>
    public PixelType StoredType { get; }

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
            return new PhotonArchive(store, null, null, null);

        store.Checksums.RequireChunks = true; // ours: every chunk was written, so a missing one is an error, not zeros
        PhotonCodecDescription d = PhotonAttributes.Parse(store.Attributes);
        if (d.StoredType != stored)
            throw new ZarrFormatException($"'{path}': the photon attributes say the stored dtype is {d.StoredType.NumpyName()} but the array metadata says {stored.NumpyName()}.");
        (CodecMode mode, ElementwiseCodec? decode) = d.Mode switch
        {
            PhotonModes.Lossless => (CodecMode.Lossless, (ElementwiseCodec?)null),
            PhotonModes.Quantized => (CodecMode.Quantized, store.Metadata.DecodeFilter?.ToCodec() ?? new DecodeLutCodec(d.ToQuantizationTable())),
            PhotonModes.Float => (CodecMode.Float, new AnscombeInverseCodec(new FloatAnscombeCodec(d.OriginalType,
                d.Parameters ?? throw new ZarrFormatException($"'{path}': Float archive without Anscombe parameters."), d.StoredType))),
            _ => throw new ZarrFormatException($"'{path}': photon.mode '{d.Mode}' is not one this version reads."),
        };
        if (decode is not null && decode.DecodedType != d.OriginalType)
            throw new ZarrFormatException($"'{path}': the decode filter gives {decode.DecodedType.NumpyName()} but the photon attributes say the levels are {d.OriginalType.NumpyName()}.");
        return new PhotonArchive(store, mode, decode, d.Parameters);
    }

    /// <summary>
    /// Frames [first, first+count) into <paramref name="destination"/>: decoded to <see cref="OriginalType"/>, or the stored
    /// values when <paramref name="raw"/>. Chunk by chunk through <see cref="Codecs"/>, several chunks in parallel; only the
    /// chunks (Blosc blocks, inner chunks) that hold them are read, each once. This is the Core's decode entry point.
    /// </summary>
    public void ReadFrames(int first, int count, Span<byte> destination, bool raw = false)
    {
        if (first < 0 || count < 0 || first + count > FrameCount)
            throw new ArgumentOutOfRangeException(nameof(first), $"Frames {first}..{first + count - 1} are outside 0..{FrameCount - 1}.");
        PixelType type = raw ? StoredType : OriginalType;
        Store.ReadFrames(first, count, destination.Slice(0, checked(count * FramePixels * type.Size())), raw ? Store.Metadata.Codecs : Codecs);
    }
}
