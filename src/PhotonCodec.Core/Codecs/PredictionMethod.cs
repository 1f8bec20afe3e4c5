namespace PhotonCodec.Core.Codecs;

/// <summary>How <see cref="TemporalPredictionCodec"/> predicted one chunk; its number is byte 1 of the chunk's header.</summary>
public enum PredictionMethod : byte
{
    /// <summary>No prediction: the reference frame is zeros and the residuals are the values as they are (not zig-zag mapped).</summary>
    None = 0,

    /// <summary>Every frame predicted by the reference frame, the chunk's per-pixel temporal mean (rounded).</summary>
    Baseline = 1,

    /// <summary>Frame 0 predicted by the reference frame (frame 0 itself), every later frame by the frame before it.</summary>
    PreviousFrame = 2,
}
