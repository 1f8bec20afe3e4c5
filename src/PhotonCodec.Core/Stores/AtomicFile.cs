using System;
using System.IO;

namespace PhotonCodec.Core.Stores;

/// <summary>Files that appear whole or not at all: written under a temporary name on the same file system, then renamed over the target.</summary>
internal static class AtomicFile
{
    /// <param name="tmpFolder">where the temporary file is written (default: beside <paramref name="path"/>)</param>
    public static void Write(string path, byte[] value, string? tmpFolder = null)
    {
        string folder = tmpFolder ?? Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        Directory.CreateDirectory(folder);
        string tmp = Path.Combine(folder, "." + Path.GetFileName(path) + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            fs.Write(value, 0, value.Length);
            fs.Flush(flushToDisk: true);
        }
#if NET8_0_OR_GREATER
        File.Move(tmp, path, overwrite: true);
#else
        if (File.Exists(path)) File.Delete(path);
        File.Move(tmp, path);
#endif
    }
}
