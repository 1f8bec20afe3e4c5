namespace PhotonCodec;

/// <summary>One converted movie (ConvertTo-PhotonZarr emits one per input).</summary>
public sealed class ConversionResult
{
    /// <summary>"Converted", or "Skipped" (-SkipExisting found an archive of this very source that verifies).</summary>
    public string Status { get; init; } = "Converted";

    public string Source { get; init; } = "";
    public string Destination { get; init; } = "";
    public string Mode { get; init; } = "";
    public int Frames { get; init; }
    public int Height { get; init; }
    public int Width { get; init; }
    public string DType { get; init; } = "";

    /// <summary>Bytes of the raw pixels (frames × height × width × dtype size).</summary>
    public long InputBytes { get; init; }

    /// <summary>Bytes on disk of the whole .zarr folder (chunks and metadata).</summary>
    public long StoredBytes { get; init; }

    public double Ratio { get; init; }
    public double? Gain { get; init; }
    public double? ZeroLevel { get; init; }
    public double? ReadNoise { get; init; }
    public double? Beta { get; init; }

    /// <summary>
    /// "given" when the photon parameters were typed in, "estimated" when measured from the movie, per parameter when
    /// mixed ("Gain given; ZeroLevel, ReadNoise estimated"); "" in Lossless mode.
    /// </summary>
    public string ParameterSource { get; init; } = "";

    public double Seconds { get; init; }

    /// <summary>Input MB (10^6 bytes) per second of wall time.</summary>
    public double MBPerSecond { get; init; }
}
