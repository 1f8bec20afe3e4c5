using System;
using System.Collections.Generic;

namespace PhotonCodec.Core.Sources;

/// <summary>A movie read one frame at a time: memory stays bounded by what the caller asks for.</summary>
public interface IFrameSource : IDisposable
{
    /// <summary>Where the frames come from (a file path for file sources).</summary>
    string Description { get; }

    int FrameCount { get; }

    int Height { get; }

    int Width { get; }

    PixelType PixelType { get; }

    /// <summary>Bytes of one frame: Height × Width × PixelType.Size().</summary>
    int FrameBytes { get; }

    /// <summary>Reads frame <paramref name="index"/> into <paramref name="destination"/> as row-major pixels in native (little-endian) byte order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">index outside 0..FrameCount-1 or destination shorter than FrameBytes.</exception>
    void ReadFrame(int index, Span<byte> destination);

    /// <summary>Provenance kept in the Zarr attributes under <c>source</c> (JSON-friendly values: string, long, double, bool, nested dictionaries).</summary>
    IReadOnlyDictionary<string, object?> Metadata { get; }
}
