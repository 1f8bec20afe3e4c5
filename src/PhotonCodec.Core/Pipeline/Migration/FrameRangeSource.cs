using System;
using System.Collections.Generic;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>Frames <c>first</c> … <c>first + count − 1</c> of another source, as a source of their own (not owned: disposing it leaves the inner one open).</summary>
internal sealed class FrameRangeSource : IFrameSource
{
    private readonly IFrameSource _inner;
    private readonly int _first;

    public FrameRangeSource(IFrameSource inner, int first, int count)
    {
        if (first < 0 || count < 0 || first + count > inner.FrameCount)
            throw new ArgumentOutOfRangeException(nameof(count), $"Frames {first}–{first + count - 1} are outside '{inner.Description}' (0–{inner.FrameCount - 1}).");
        _inner = inner;
        _first = first;
        FrameCount = count;
    }

    public string Description => _inner.Description;
    public int FrameCount { get; }
    public int Height => _inner.Height;
    public int Width => _inner.Width;
    public PixelType PixelType => _inner.PixelType;
    public int FrameBytes => _inner.FrameBytes;
    public IReadOnlyDictionary<string, object?> Metadata => _inner.Metadata;

    public void ReadFrame(int index, Span<byte> destination)
    {
        if (index < 0 || index >= FrameCount) throw new ArgumentOutOfRangeException(nameof(index), index, $"Frame {index} is outside 0–{FrameCount - 1}.");
        _inner.ReadFrame(_first + index, destination);
    }

    public void Dispose() { }
}
