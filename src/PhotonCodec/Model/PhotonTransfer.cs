using System;
using System.Collections.Generic;

namespace PhotonCodec;

/// <summary>The detector's photon transfer measured from a movie (Measure-PhotonTransfer).</summary>
public sealed class PhotonTransfer
{
    public string Path { get; init; } = "";

    /// <summary>The channel of a multi-channel input this is about (null for a single-channel movie).</summary>
    public int? Channel { get; init; }

    /// <summary>Levels per photon.</summary>
    public double Gain { get; init; }

    /// <summary>The level with no light.</summary>
    public double ZeroLevel { get; init; }

    /// <summary>Read-noise standard deviation, in levels.</summary>
    public double ReadNoise { get; init; }

    public double GainStdError { get; init; }

    /// <summary>Gains fitted on the first and second half of the movie (NaN where a half could not be fitted).</summary>
    public IReadOnlyList<double> GainHalves { get; init; } = Array.Empty<double>();
    public double FitR2 { get; init; }
    public int LevelsUsed { get; init; }
    public int FramesUsed { get; init; }
    public string Method { get; init; } = "";
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    /// <summary>Where the photon-transfer curve was written (with -PlotPath).</summary>
    public string? PlotPath { get; init; }
}
