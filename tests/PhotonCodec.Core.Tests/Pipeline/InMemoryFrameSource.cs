using System;
using System.Collections.Generic;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Tests.Pipeline;

/// <summary>A movie held in memory as native bytes, frame after frame.</summary>
internal sealed class InMemoryFrameSource : IFrameSource
{
    private readonly byte[] _bytes;

    public InMemoryFrameSource(byte[] bytes, PixelType type, int frames, int height, int width)
    {
        _bytes = bytes;
        PixelType = type;
        FrameCount = frames;
        Height = height;
        Width = width;
    }

    public int ReadCount { get; private set; }
    public string Description => "memory";
    public int FrameCount { get; }
    public int Height { get; }
    public int Width { get; }
    public PixelType PixelType { get; }
    public int FrameBytes => Height * Width * PixelType.Size();
    public IReadOnlyDictionary<string, object?> Metadata { get; } = new Dictionary<string, object?> { ["file_name"] = "memory" };

    public void ReadFrame(int index, Span<byte> destination)
    {
        if (index < 0 || index >= FrameCount) throw new ArgumentOutOfRangeException(nameof(index));
        ReadCount++;
        _bytes.AsSpan(index * FrameBytes, FrameBytes).CopyTo(destination);
    }

    public void Dispose() { }
}
