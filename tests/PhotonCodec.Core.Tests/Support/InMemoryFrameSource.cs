using System;
using System.Collections.Generic;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Tests.Support;

/// <summary>An <see cref="IFrameSource"/> over frames held in one byte array; counts frame reads.</summary>
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
        if (bytes.Length != (long)frames * FrameBytes) throw new ArgumentException("Byte count does not match the shape.", nameof(bytes));
    }

    public string Description => "in-memory";
    public int FrameCount { get; }
    public int Height { get; }
    public int Width { get; }
    public PixelType PixelType { get; }
    public int FrameBytes => Height * Width * PixelType.Size();
    public IReadOnlyDictionary<string, object?> Metadata { get; } = new Dictionary<string, object?>();
    public int FramesRead { get; private set; }

    public ReadOnlyMemory<byte> Frame(int index) => new(_bytes, index * FrameBytes, FrameBytes);

    public IReadOnlyList<ReadOnlyMemory<byte>> Frames()
    {
        var list = new ReadOnlyMemory<byte>[FrameCount];
        for (int i = 0; i < FrameCount; i++) list[i] = Frame(i);
        return list;
    }

    public void ReadFrame(int index, Span<byte> destination)
    {
        if (index < 0 || index >= FrameCount) throw new ArgumentOutOfRangeException(nameof(index));
        if (destination.Length < FrameBytes) throw new ArgumentOutOfRangeException(nameof(destination));
        _bytes.AsSpan(index * FrameBytes, FrameBytes).CopyTo(destination);
        FramesRead++;
    }

    public void Dispose() { }
}
