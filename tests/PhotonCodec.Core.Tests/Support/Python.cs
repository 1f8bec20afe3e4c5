using System;
using System.Diagnostics;
using System.IO;

namespace PhotonCodec.Core.Tests.Support;

/// <summary>Runs Debian's system Python (with zarr, numcodecs, tifffile, numpy) for interop checks. Never skips: a missing interpreter is a failure.</summary>
public static class Python
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/> and returns its stdout; throws with stderr when it exits non-zero.</summary>
    public static string Run(string script, params string[] args)
    {
        if (!File.Exists(Interpreter))
            throw new InvalidOperationException($"{Interpreter} not found: install python3-zarr python3-numcodecs python3-tifffile python3-numpy (see .ci/run).");
        string scriptPath = Path.Combine(Path.GetTempPath(), "photoncodec-py-" + Guid.NewGuid().ToString("N") + ".py");
        File.WriteAllText(scriptPath, script);
        try
        {
            var psi = new ProcessStartInfo(Interpreter)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(scriptPath);
            foreach (string a in args) psi.ArgumentList.Add(a);
            // The pyenv shims must not shadow the system site-packages.
            psi.Environment.Remove("PYTHONPATH");
            psi.Environment.Remove("PYTHONHOME");
            using var p = Process.Start(psi)!;
            var stderrTask = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            string stderr = stderrTask.Result;
            if (p.ExitCode != 0)
                throw new InvalidOperationException($"python exited {p.ExitCode}:\n{stderr}\n{stdout}");
            return stdout;
        }
        finally
        {
            File.Delete(scriptPath);
        }
    }
}

/// <summary>A temporary directory removed on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "photoncodec-test-" + Guid.NewGuid().ToString("N"));

    public TempDir() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
