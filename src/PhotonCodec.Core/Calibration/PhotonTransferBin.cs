namespace PhotonCodec.Core.Calibration;

/// <summary>One intensity bin of the photon-transfer curve: mean level, half the mean squared frame difference (levels²), pixel samples.</summary>
public sealed record PhotonTransferBin(double MeanLevel, double Variance, long Count, bool UsedInFit);
