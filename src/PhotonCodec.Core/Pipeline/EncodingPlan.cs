using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>How a movie will be stored: the mode's transform, its parameters and where they came from.</summary>
internal sealed class EncodingPlan
{
    public EncodingPlan(CodecMode mode, IChunkTransform transform, PhotonCodecDescription description,
        AnscombeParameters? parameters)
    {
        Mode = mode;
        Transform = transform;
        Description = description;
        Parameters = parameters;
    }

    public CodecMode Mode { get; }
    public IChunkTransform Transform { get; }

    /// <summary>What goes into .zattrs.</summary>
    public PhotonCodecDescription Description { get; }

    public AnscombeParameters? Parameters { get; }
}
