namespace PhotonCodec.Core.Pipeline;

/// <summary>Where a long operation is: a stage name ("Estimating", "Scanning", "Compressing", "Reading", "Verifying") and frames done of frames in that stage.</summary>
public readonly record struct ConversionProgress(string Stage, long FramesDone, long FrameCount);
