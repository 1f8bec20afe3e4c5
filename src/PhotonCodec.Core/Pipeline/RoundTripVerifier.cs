using System;
using System.Threading;
using PhotonCodec.Core.Sources;

namespace PhotonCodec.Core.Pipeline;

/// <summary>Compares an archive, decoded, with the source it was made from, one chunk of frames at a time.</summary>
public static class RoundTripVerifier
{
    public static RoundTripStatistics Compare(IFrameSource source, PhotonArchive archive,
        IProgress<ConversionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (source.FrameCount != archive.FrameCount || source.Height != archive.Height || source.Width != archive.Width)
            throw new PhotonInputException(
                $"Shapes differ: source {source.FrameCount}×{source.Height}×{source.Width}, archive {archive.FrameCount}×{archive.Height}×{archive.Width}.");
        if (source.PixelType != archive.OriginalType)
            throw new PhotonInputException($"Types differ: source {source.PixelType.NumpyName()}, archive decodes to {archive.OriginalType.NumpyName()}.");

        var stats = new RoundTripStatistics(source.PixelType, archive.Parameters);
        int framePixels = source.Height * source.Width;
        int frameBytes = source.FrameBytes;
        int perChunk = archive.FramesPerChunk;
        var original = new byte[perChunk * frameBytes];
        var decoded = new byte[perChunk * frameBytes];
        for (int first = 0; first < source.FrameCount; first += perChunk)
        {
            int count = Math.Min(perChunk, source.FrameCount - first);
            for (int f = 0; f < count; f++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                source.ReadFrame(first + f, original.AsSpan(f * frameBytes, frameBytes));
            }
            archive.ReadFrames(first, count, decoded);
            stats.Add(original.AsSpan(0, count * frameBytes), decoded.AsSpan(0, count * frameBytes), first, framePixels);
            progress?.Report(new ConversionProgress("Verifying", first + count, source.FrameCount));
        }
        return stats;
    }
}
