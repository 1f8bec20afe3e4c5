using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace PhotonCodec.Core.Tests.Support;

/// <summary>Where the checkout and the workspace's shared data are, seen from the tests.</summary>
public static class RepoPaths
{
    /// <summary>
    /// The folder holding PhotonCodec.slnx, found by walking up from the test binaries, or (when they were built with
    /// --artifacts-path outside the checkout) from the working directory or this source file's compile-time location.
    /// </summary>
    public static string Root([CallerFilePath] string sourceFile = "")
    {
        string[] starts = { AppContext.BaseDirectory, Directory.GetCurrentDirectory(), Path.GetDirectoryName(sourceFile) ?? "" };
        foreach (string start in starts)
        {
            if (start.Length == 0 || !Directory.Exists(start)) continue;
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "PhotonCodec.slnx"))) return d.FullName;
            }
        }
        throw new InvalidOperationException($"PhotonCodec.slnx not found above {string.Join(" or ", starts)}.");
    }

    /// <summary>../shared/data: the real movies.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root(), "..", "shared", "data"));

    /// <summary>../shared/tools/make_movie.py: the reference synthetic movie generator.</summary>
    public static string MakeMovie => Path.GetFullPath(Path.Combine(Root(), "..", "shared", "tools", "make_movie.py"));
}
