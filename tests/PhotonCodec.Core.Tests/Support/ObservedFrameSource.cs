using System;
using System.Collections.Generic;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Tests.Support;

/// <summary>Another source's frames, with a hook called before each frame is read (to count reads, or to fail one).</summary>
internal sealed class ObservedFrameSource : IFrameSource
{
    private readonly IFrameSource _inner;
    private readonly Action<int> _beforeRead;

    public ObservedFrameSource(IFrameSource inner, Action<int> beforeRead)
    {
        _inner = inner;
        _beforeRead = beforeRead;
    }

    public string Description => _inner.Description;
    public int FrameCount => _inner.FrameCount;
    public int Height => _inner.Height;
    public int Width => _inner.Width;
    public PixelType PixelType => _inner.PixelType;
    public int FrameBytes => _inner.FrameBytes;
    public IReadOnlyDictionary<string, object?> Metadata => _inner.Metadata;

    public void ReadFrame(int index, Span<byte> destination)
    {
        _beforeRead(index);
        _inner.ReadFrame(index, destination);
    }

    public void Dispose() => _inner.Dispose();
}
