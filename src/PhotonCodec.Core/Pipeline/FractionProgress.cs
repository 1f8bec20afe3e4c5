using System;

namespace PhotonCodec.Core.Pipeline;

/// <summary>Turns a fraction done (what the photon-transfer estimator reports) into frames of a stage, as the cmdlets show progress.</summary>
public sealed class FractionProgress : IProgress<double>
{
    private readonly IProgress<ConversionProgress> _inner;
    private readonly string _stage;
    private readonly long _frames;

    public FractionProgress(IProgress<ConversionProgress> inner, string stage, long frames)
    {
        _inner = inner;
        _stage = stage;
        _frames = frames;
    }

    public void Report(double value) => _inner.Report(new ConversionProgress(_stage, (long)(value * _frames), _frames));
}
