using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace PhotonCodec.Core.Tests.Support;

/// <summary>
/// zarrita.js (an independent Zarr v3 implementation) run by the machine's Node.js through tests/interop/zarrita.mjs.
/// The packages live in &lt;repo&gt;/.tools/npm/node_modules (.ci/run: npm install --prefix .tools/npm zarrita@0.7 @zarrita/storage@0.2).
/// </summary>
public static class Zarrita
{
    public static string Modules => Path.Combine(RepoPaths.Root(), ".tools", "npm", "node_modules");

    public static string? Node => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(d => Path.Combine(d, OperatingSystem.IsWindows() ? "node.exe" : "node")).FirstOrDefault(File.Exists);

    /// <summary>Why zarrita cannot run here, or null when it can.</summary>
    public static string? MissingReason()
    {
        if (Node is null) return "node (Node.js) is not on PATH";
        foreach (string package in new[] { "zarrita", Path.Combine("@zarrita", "storage") })
            if (!Directory.Exists(Path.Combine(Modules, package)))
                return $"{Path.Combine(Modules, package)} is missing (npm install --prefix .tools/npm zarrita@0.7 @zarrita/storage@0.2)";
        return null;
    }

    /// <summary>Runs the interop script with <paramref name="args"/>; returns stdout, throws with stderr on failure.</summary>
    public static string Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Node ?? throw new InvalidOperationException(MissingReason()))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(RepoPaths.Root(), "tests", "interop", "zarrita.mjs"));
        psi.ArgumentList.Add(Modules);
        foreach (string a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderrTask = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"node exited {p.ExitCode}:\n{stderrTask.Result}\n{stdout}");
        return stdout;
    }
}

/// <summary>A fact that reports itself skipped, with the reason, when zarrita or Node.js is missing.</summary>
public sealed class ZarritaFactAttribute : FactAttribute
{
    public ZarritaFactAttribute()
    {
        if (Zarrita.MissingReason() is string reason) Skip = reason;
    }
}
