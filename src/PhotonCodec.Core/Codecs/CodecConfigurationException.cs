using System.IO;

namespace PhotonCodec.Core.Codecs;

/// <summary>A codec this version does not implement, or a configuration it cannot honour (the Stores name the array).</summary>
public sealed class CodecConfigurationException : IOException
{
    public CodecConfigurationException(string message) : base(message) { }
}
