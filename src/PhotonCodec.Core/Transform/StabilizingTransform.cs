namespace PhotonCodec.Core.Transform;

/// <summary>Which variance-stabilizing transform the quantizer steps through (<c>photon.transform</c> in .zattrs).</summary>
public enum StabilizingTransform
{
    /// <summary>
    /// The seed's generalized Anscombe transform 2·√(p + 3/8 + r): its 3/8 term makes the steps coarser than the
    /// detector's noise near zero photons (g·√(3/8) levels instead of the read noise).
    /// </summary>
    Anscombe,

    /// <summary>
    /// The detector's own noise model σ²(level) = gain·(level − zero) + readNoise² (readNoise² below the zero level):
    /// every step is β·σ at its level, never less than one level (integer levels are then kept exact).
    /// </summary>
    NoiseModel,
}
