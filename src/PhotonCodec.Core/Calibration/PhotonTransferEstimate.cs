using System;
using System.Collections.Generic;

namespace PhotonCodec.Core.Calibration;

/// <summary>
/// Detector parameters measured from a movie: level = ZeroLevel + Gain·photons + Normal(0, ReadNoise).
/// GainStdError and FitR2 tell how far to trust them; Warnings say what could not be measured.
/// </summary>
public sealed record PhotonTransferEstimate(
    double Gain,
    double ZeroLevel,
    double ReadNoise,
    double GainStdError,
    double FitR2,
    int LevelsUsed,
    int FramesUsed,
    string Method,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The photon-transfer curve: every populated intensity bin, flagged when it entered the fit.</summary>
    public IReadOnlyList<PhotonTransferBin> Bins { get; init; } = Array.Empty<PhotonTransferBin>();

    /// <summary>Intercept of the fitted line variance = Gain·level + FitIntercept (equals ReadNoise² − Gain·ZeroLevel for an ideal detector).</summary>
    public double FitIntercept { get; init; }

    /// <summary>Centre of the zero-photon peak of the level histogram, or null when no such peak was identified.</summary>
    public double? DarkPeakLevel { get; init; }

    /// <summary>Width (σ, levels) of the lower half of the zero-photon peak, or null when no such peak was identified.</summary>
    public double? DarkPeakWidth { get; init; }

    /// <summary>
    /// Gains fitted on each half of the movie's frames (NaN where a half could not be fitted). When they disagree beyond their
    /// errors and by more than 10 %, the estimate is flagged unstable and Gain is the smaller.
    /// </summary>
    public IReadOnlyList<double> GainHalves { get; init; } = Array.Empty<double>();

    /// <summary>Standard errors of <see cref="GainHalves"/>.</summary>
    public IReadOnlyList<double> GainHalvesStdError { get; init; } = Array.Empty<double>();

    /// <summary>Level histogram around the lowest levels (bin centre, count), for plotting the zero-photon peak.</summary>
    public IReadOnlyList<KeyValuePair<double, long>> DarkHistogram { get; init; } = Array.Empty<KeyValuePair<double, long>>();
}
