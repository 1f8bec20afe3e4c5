using System;
using System.IO;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// Opens a source movie read-only with shared read: PhotonCodec never writes a source, and other readers may read it
/// at the same time. A file the OS will not open (another program holds it exclusively, no read permission) is
/// a <see cref="SourceUnreadableException"/>, not a write failure.
/// </summary>
internal static class SourceFile
{
    public static FileStream OpenRead(string path, int bufferSize)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize);
        }
        catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException && e is not (FileNotFoundException or DirectoryNotFoundException)))
        {
            throw new SourceUnreadableException(Path.GetFullPath(path), e);
        }
    }
}

/// <summary>A source file the OS would not open for reading; the message is the OS's, with the path.</summary>
public sealed class SourceUnreadableException : IOException
{
    public SourceUnreadableException(string filePath, Exception? inner)
        : base($"'{filePath}' could not be opened for reading" + (inner is null ? "." : ": " + inner.Message), inner) => FilePath = filePath;

    public string FilePath { get; }
}
