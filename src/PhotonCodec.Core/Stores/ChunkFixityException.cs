using System.IO;

namespace PhotonCodec.Core.Stores;

/// <summary>A chunk of an archive PhotonCodec wrote that is not as written: its file and the frames it holds.</summary>
public class ChunkFixityException : IOException
{
    public ChunkFixityException(string file, int firstFrame, int lastFrame, string message) : base(message)
    {
        File = file;
        FirstFrame = firstFrame;
        LastFrame = lastFrame;
    }

    public string File { get; }
    public int FirstFrame { get; }
    public int LastFrame { get; }
}

/// <summary>A stored chunk whose bytes are not those written: its CRC-32C or size differs from the fixity manifest's.</summary>
public sealed class ChunkChecksumException : ChunkFixityException
{
    public ChunkChecksumException(string file, int firstFrame, int lastFrame, string message) : base(file, firstFrame, lastFrame, message) { }
}

/// <summary>A chunk that an archive PhotonCodec wrote must hold is gone (it would otherwise read as fill_value, zeros).</summary>
public sealed class MissingChunkException : ChunkFixityException
{
    public MissingChunkException(string file, int firstFrame, int lastFrame, string message) : base(file, firstFrame, lastFrame, message) { }
}
