using System;
using System.IO;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// A file written under a hidden temporary name beside its destination and renamed into place by <see cref="Commit"/>:
/// until then the destination is untouched, and disposing an uncommitted file deletes it (failure, cancellation).
/// </summary>
internal sealed class StagedFile : IDisposable
{
    private bool _committed;

    public StagedFile(string destination)
    {
        Destination = Path.GetFullPath(destination);
        string folder = Path.GetDirectoryName(Destination) ?? ".";
        Directory.CreateDirectory(folder);
        TempPath = Path.Combine(folder, "." + Path.GetFileName(Destination) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
        Stream = new FileStream(TempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    public string Destination { get; }
    public string TempPath { get; }
    public FileStream Stream { get; }

    /// <summary>Closes the stream and renames the file to <see cref="Destination"/>, replacing an existing file only when <paramref name="overwrite"/>.</summary>
    /// <exception cref="ExportDestinationExistsException">the destination exists and <paramref name="overwrite"/> is false, or it is a folder.</exception>
    public void Commit(bool overwrite)
    {
        Stream.Dispose();
        if (Directory.Exists(Destination))
            throw new ExportDestinationExistsException(Destination, $"Destination '{Destination}' is a folder; give a file name ending in .tif or remove the folder.");
        if (File.Exists(Destination))
        {
            if (!overwrite) throw new ExportDestinationExistsException(Destination);
            File.Replace(TempPath, Destination, null);
        }
        else
        {
            File.Move(TempPath, Destination);
        }
        _committed = true;
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (_committed) return;
        try { File.Delete(TempPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
