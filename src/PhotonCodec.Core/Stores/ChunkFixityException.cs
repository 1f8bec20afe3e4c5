using System.IO;

namespace PhotonCodec.Core.Stores;

/// <summary>A stored chunk whose bytes are not those written: its CRC-32C or size differs from the fixity manifest's.</summary>
public sealed class ChunkChecksumException : IOException
{
    public ChunkChecksumException(string file, int firstFrame, int lastFrame, string message) : base(message)
    {
        File = file;
        FirstFrame = firstFrame;
        LastFrame = lastFrame;
    }

    public string File { get; }
    public int FirstFrame { get; }
    public int LastFrame { get; }
}

/// <summary>A chunk that an archive PhotonCodec wrote must hold is gone (it would otherwise read as fill_value, zeros).</summary>
public sealed class MissingChunkException : IOException
{
    public MissingChunkException(string file, int firstFrame, int lastFrame, string message) : base(message)
    {
        File = file;
        FirstFrame = firstFrame;
        LastFrame = lastFrame;
    }

    public string File { get; }
    public int FirstFrame { get; }
    public int LastFrame { get; }
}
