using System;
using System.Collections.Generic;
using PhotonCodec.Core.Calibration;

using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Calibration;

/// <summary>Inputs without photon-transfer information give an error, never a confident number.</summary>
public sealed class NonPhotonInputTests
{
    [Fact]
    public void Constant_frames_are_refused()
    {
        var frame = new byte[32 * 32 * 2];
        for (int i = 0; i < frame.Length; i += 2) frame[i] = (byte)(i % 200);
        var frames = new List<ReadOnlyMemory<byte>> { frame, frame, frame, frame };
        var ex = Assert.Throws<PhotonTransferException>(() => PhotonTransferEstimator.Estimate(PixelType.UInt16, 32, 32, frames));
        Assert.Contains("identical", ex.Message);
    }

    [Fact]
    public void A_single_frame_is_refused()
    {
        byte[] bytes = DetectorMovie.Generate(1, 2, 100, 3, PixelType.UInt16, 1, 32, 32);
        var ex = Assert.Throws<PhotonTransferException>(() => PhotonTransferEstimator.Estimate(new InMemoryFrameSource(bytes, PixelType.UInt16, 1, 32, 32)));
        Assert.Contains("three frames", ex.Message);
        Assert.Throws<PhotonTransferException>(() => new PhotonTransferAccumulator(PixelType.UInt16, 32, 32).Fit());
    }

    /// <summary>
    /// A short flat field (12 frames: overlapping quadruples, whose key level and noise covary under Poisson noise) spans too narrow
    /// a range of levels for a line: it is said so, not given a gain drawn from that covariance.
    /// </summary>
    [Theory]
    [InlineData(12)]
    [InlineData(30)]
    public void A_short_flat_field_spans_too_narrow_a_range(int frames)
    {
        const int size = 64;
        var rng = new Random(3);
        var bytes = new byte[frames * size * size * 2];
        for (int k = 0; k < frames * size * size; k++) BitConverter.TryWriteBytes(bytes.AsSpan(2 * k), (ushort)(100 + 3 * SyntheticMovie.Poisson(rng, 20)));
        var ex = Assert.Throws<PhotonTransferException>(() => PhotonTransferEstimator.Estimate(new InMemoryFrameSource(bytes, PixelType.UInt16, frames, size, size)));
        Assert.Contains("too narrow a range of levels", ex.Message);
    }

    /// <summary>Float Gaussian noise of constant σ over a spatial gradient: variance does not follow the level.</summary>
    [Fact]
    public void Float_noise_without_poisson_structure_is_refused()
    {
        const int frames = 60, size = 64;
        var rng = new Random(7);
        var bytes = new byte[frames * size * size * 4];
        for (int t = 0, k = 0; t < frames; t++)
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++, k++)
                    BitConverter.TryWriteBytes(bytes.AsSpan(k * 4), (float)(100 + 10 * x + 5 * Support.SyntheticMovie.Normal(rng)));
        var ex = Assert.Throws<PhotonTransferException>(() => PhotonTransferEstimator.Estimate(new InMemoryFrameSource(bytes, PixelType.Float32, frames, size, size)));
        Assert.Contains("Poisson", ex.Message);
    }

    /// <summary>The same movie as floats after a scale (already processed) keeps its Poisson structure: the gain scales with it.</summary>
    [Fact]
    public void Scaled_float_movie_gives_the_scaled_gain()
    {
        const int frames = 80, size = 64;
        byte[] ints = DetectorMovie.Generate(3, 4, 100, 2, PixelType.UInt16, frames, size, size);
        var floats = new byte[frames * size * size * 4];
        for (int i = 0; i < frames * size * size; i++)
            BitConverter.TryWriteBytes(floats.AsSpan(i * 4), BitConverter.ToUInt16(ints, i * 2) * 0.25f);
        PhotonTransferEstimate integer = PhotonTransferEstimator.Estimate(new InMemoryFrameSource(ints, PixelType.UInt16, frames, size, size));
        PhotonTransferEstimate scaled = PhotonTransferEstimator.Estimate(new InMemoryFrameSource(floats, PixelType.Float32, frames, size, size));
        Assert.InRange(integer.Gain, 4 * 0.95, 4 * 1.05);
        Assert.InRange(scaled.Gain / (integer.Gain / 4), 0.99, 1.01);
        Assert.InRange(scaled.ZeroLevel, 24.9, 25.1);
        Assert.InRange(scaled.ReadNoise, 0.4, 0.6);
    }
}
