using System;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>A few frames spread evenly over a movie (about a million pixels in all), kept during the level scan to try code tables on.</summary>
internal sealed class FrameSample
{
    private const int TargetPixels = 1 << 18;
    private const int MaxFrames = 16;

    private readonly int _frameBytes;
    private readonly int _stride;
    private readonly byte[] _bytes;

    public FrameSample(IFrameSource source)
    {
        _frameBytes = source.FrameBytes;
        int pixels = Math.Max(1, source.Height * source.Width);
        int wanted = Math.Min(source.FrameCount, Math.Max(1, Math.Min(MaxFrames, TargetPixels / pixels)));
        _stride = Math.Max(1, source.FrameCount / Math.Max(1, wanted));
        Frames = source.FrameCount == 0 ? 0 : Math.Min(wanted, (source.FrameCount + _stride - 1) / _stride);
        _bytes = new byte[(long)Frames * _frameBytes];
    }

    public int Frames { get; }

    /// <summary>Keeps frame <paramref name="index"/> when it is one of the sample's.</summary>
    public void Offer(int index, ReadOnlySpan<byte> frame)
    {
        if (index % _stride != 0 || index / _stride >= Frames) return;
        frame.Slice(0, _frameBytes).CopyTo(_bytes.AsSpan(index / _stride * _frameBytes));
    }

    /// <summary>Blosc (zstd, bitshuffle) size of the sample's codes under <paramref name="table"/>.</summary>
    public long CompressedBytes(QuantizationTable table, int clevel)
    {
        int size = table.CodeType.Size();
        var codes = new byte[_bytes.Length / table.InputType.Size() * size];
        table.Encode(_bytes, codes);
        return BloscCodec.Compress(codes, size, clevel, BloscShuffle.Bit).Length;
    }
}
