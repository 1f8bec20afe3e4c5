using System;
using System.Collections.Generic;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Pipeline;

/// <summary>An archive's decoded frames as a frame source (for estimating, verifying or re-encoding).</summary>
public sealed class ArchiveFrameSource : IFrameSource
{
    private readonly PhotonArchive _archive;

    public ArchiveFrameSource(PhotonArchive archive) => _archive = archive;

    public string Description => _archive.Path;
    public int FrameCount => _archive.FrameCount;
    public int Height => _archive.Height;
    public int Width => _archive.Width;
    public PixelType PixelType => _archive.OriginalType;
    public int FrameBytes => _archive.FramePixels * PixelType.Size();

    public IReadOnlyDictionary<string, object?> Metadata { get; } = new Dictionary<string, object?>();

    public void ReadFrame(int index, Span<byte> destination) => _archive.ReadFrames(index, 1, destination);

    public void Dispose() { }
}
