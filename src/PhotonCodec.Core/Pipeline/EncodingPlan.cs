using System;
using System.Collections.Generic;
using PhotonCodec.Core.Calibration;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>How a movie will be stored: the mode's transform, its parameters and where they came from.</summary>
internal sealed class EncodingPlan
{
    public EncodingPlan(CodecMode mode, IChunkTransform transform, PhotonCodecDescription description,
        AnscombeParameters? parameters, PhotonTransferEstimate? estimate, IReadOnlyList<string>? warnings = null)
    {
        Warnings = warnings ?? Array.Empty<string>();
        Mode = mode;
        Transform = transform;
        Description = description;
        Parameters = parameters;
        Estimate = estimate;
    }

    public CodecMode Mode { get; }
    public IChunkTransform Transform { get; }

    /// <summary>What goes into .zattrs.</summary>
    public PhotonCodecDescription Description { get; }

    public AnscombeParameters? Parameters { get; }

    /// <summary>Non-null when some photon parameter was measured from the movie.</summary>
    public PhotonTransferEstimate? Estimate { get; }

    /// <summary>Doubts about the plan found before encoding (e.g. given parameters that disagree with the movie's noise).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Wall time of the photon-transfer estimation (0 when every parameter was given).</summary>
    public double EstimationSeconds { get; init; }
}
