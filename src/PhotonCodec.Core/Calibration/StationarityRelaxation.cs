namespace PhotonCodec.Core.Calibration;

/// <summary>
/// How far the stationary-pixel test was relaxed, in steps, when its full form left too few pixels for a line (a small field
/// crowded with active cells, or a short movie where every frame's scatter flags most pixels). Each step keeps the ones before it.
/// Relaxing keeps a stationary-pixel line, which is immune to skewed photon noise, instead of falling back to all samples, whose
/// changing pixels draw the gain far too high.
/// </summary>
internal enum StationarityRelaxation
{
    /// <summary>The full test: key frames, every frame's scatter (few key frames), a changing cell's neighbours, crowded levels left out.</summary>
    None,

    /// <summary>Only the key frames test stationarity (every frame's scatter also flags the pixels whose noise is merely skewed).</summary>
    KeyFramesOnly,

    /// <summary>A clearly changing pixel's neighbours are kept unless they change themselves.</summary>
    NoNeighbours,

    /// <summary>Levels where most pixels change keep their stationary ones.</summary>
    CrowdedLevels,
}
