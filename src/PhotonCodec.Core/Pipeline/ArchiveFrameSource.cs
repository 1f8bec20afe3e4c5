using System;
using System.Collections.Generic;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// An archive's decoded frames as a frame source (for estimating, verifying or re-encoding). A frame read alone
/// decodes only the Blosc blocks / inner chunk holding it; once frames are read in order, the rest of their chunk is
/// decoded in one go and served from memory (so a sequential pass decodes each chunk once, random reads stay small).
/// Not thread-safe, as frame sources are not.
/// </summary>
public sealed class ArchiveFrameSource : IFrameSource
{
    private readonly PhotonArchive _archive;
    private byte[] _run = Array.Empty<byte>();
    private int _runFirst, _runCount, _last = -1; // reading frame 0 first counts as reading in order

    public ArchiveFrameSource(PhotonArchive archive) => _archive = archive;

    public string Description => _archive.Path;
    public int FrameCount => _archive.FrameCount;
    public int Height => _archive.Height;
    public int Width => _archive.Width;
    public PixelType PixelType => _archive.OriginalType;
    public int FrameBytes => _archive.FramePixels * PixelType.Size();

    public IReadOnlyDictionary<string, object?> Metadata { get; } = new Dictionary<string, object?>();

    public void ReadFrame(int index, Span<byte> destination)
    {
        if (index < 0 || index >= FrameCount) throw new ArgumentOutOfRangeException(nameof(index), $"Frame {index} is outside 0..{FrameCount - 1}.");
        if (destination.Length < FrameBytes) throw new ArgumentOutOfRangeException(nameof(destination), "The destination is shorter than a frame.");
        bool sequential = index == _last + 1;
        _last = index;
        if (index >= _runFirst && index < _runFirst + _runCount)
        {
            _run.AsSpan((index - _runFirst) * FrameBytes, FrameBytes).CopyTo(destination);
            return;
        }
        if (!sequential)
        {
            _archive.ReadFrames(index, 1, destination);
            return;
        }
        int perChunk = _archive.FramesPerChunk;
        _runFirst = index;
        _runCount = Math.Min(FrameCount, (index / perChunk + 1) * perChunk) - index;
        if (_run.Length < _runCount * FrameBytes) _run = new byte[_runCount * FrameBytes];
        try
        {
            _archive.ReadFrames(_runFirst, _runCount, _run);
        }
        catch
        {
            _runCount = 0;
            throw;
        }
        _run.AsSpan(0, FrameBytes).CopyTo(destination);
    }

    public void Dispose() { }
}
