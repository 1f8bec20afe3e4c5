namespace PhotonCodec.Core.Calibration;

/// <summary>
/// One intensity bin of the photon-transfer curve: mean level, noise variance (levels², from frame differences), pixel samples,
/// whether it entered the fit, and the samples left out because they touched a clip level.
/// </summary>
public sealed record PhotonTransferBin(double MeanLevel, double Variance, long Count, bool UsedInFit, long ClippedSamples = 0);
