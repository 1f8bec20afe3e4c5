using System;
using System.Collections.Generic;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// Per pixel: the temporal mean and the measured temporal noise, the RMS of (x[t+1] − x[t]) / √2 over consecutive
/// frames. Frames may arrive in blocks in any order (chunks finished by several threads): the first and last frame
/// of each block wait until the block next to them arrives, so every consecutive pair counts once.
/// </summary>
internal sealed class PixelTemporalNoise
{
    private readonly int _pixels;
    private readonly double[] _sum;
    private readonly double[] _sumSquaredDifference;
    private readonly Dictionary<int, double[]> _blockFirst = new();
    private readonly Dictionary<int, double[]> _blockLast = new();
    private double[]? _previous;
    private int _previousIndex = int.MinValue;

    public PixelTemporalNoise(int pixels)
    {
        _pixels = pixels;
        _sum = new double[pixels];
        _sumSquaredDifference = new double[pixels];
    }

    public int PixelCount => _pixels;
    public long Frames { get; private set; }

    /// <summary>Consecutive frame pairs seen (the same for every pixel).</summary>
    public long Pairs { get; private set; }

    /// <summary>Adds frame <paramref name="index"/>; frames of one block come in order.</summary>
    public void AddFrame(int index, ReadOnlySpan<double> frame)
    {
        for (int i = 0; i < _pixels; i++) _sum[i] += frame[i];
        Frames++;
        if (_previous is not null && _previousIndex == index - 1)
        {
            AddPair(_previous, frame);
        }
        else
        {
            SealBlock();
            if (Take(_blockLast, index - 1, out double[]? before)) AddPair(before, frame);
            else _blockFirst[index] = frame.ToArray();
        }
        _previous ??= new double[_pixels];
        frame.Slice(0, _pixels).CopyTo(_previous);
        _previousIndex = index;
    }

    public void Merge(PixelTemporalNoise other)
    {
        if (other._pixels != _pixels) throw new ArgumentException("The frames differ in size.", nameof(other));
        SealBlock();
        other.SealBlock();
        for (int i = 0; i < _pixels; i++)
        {
            _sum[i] += other._sum[i];
            _sumSquaredDifference[i] += other._sumSquaredDifference[i];
        }
        Frames += other.Frames;
        Pairs += other.Pairs;
        foreach (KeyValuePair<int, double[]> first in other._blockFirst)
        {
            if (Take(_blockLast, first.Key - 1, out double[]? before)) AddPair(before, first.Value);
            else _blockFirst[first.Key] = first.Value;
        }
        foreach (KeyValuePair<int, double[]> last in other._blockLast)
        {
            if (Take(_blockFirst, last.Key + 1, out double[]? after)) AddPair(last.Value, after);
            else _blockLast[last.Key] = last.Value;
        }
    }

    public double Mean(int pixel) => Frames > 0 ? _sum[pixel] / Frames : double.NaN;

    /// <summary>Measured noise variance of a pixel in levels²; NaN before two consecutive frames were seen.</summary>
    public double NoiseVariance(int pixel)
    {
        SealBlock();
        return Pairs > 0 ? _sumSquaredDifference[pixel] / (2.0 * Pairs) : double.NaN;
    }

    private void SealBlock()
    {
        if (_previous is null) return;
        if (Take(_blockFirst, _previousIndex + 1, out double[]? after)) AddPair(_previous, after);
        else _blockLast[_previousIndex] = _previous;
        _previous = null;
        _previousIndex = int.MinValue;
    }

    private static bool Take(Dictionary<int, double[]> frames, int index, out double[]? frame)
    {
        if (!frames.TryGetValue(index, out frame)) return false;
        frames.Remove(index);
        return true;
    }

    private void AddPair(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        for (int i = 0; i < _pixels; i++)
        {
            double d = b[i] - a[i];
            _sumSquaredDifference[i] += d * d;
        }
        Pairs++;
    }
}
