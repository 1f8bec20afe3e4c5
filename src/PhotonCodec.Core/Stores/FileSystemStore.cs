using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace PhotonCodec.Core.Stores;

/// <summary>
/// A folder read as a Zarr key→bytes store: a key "a/b/c" is the file a/b/c under <see cref="Root"/>. A missing
/// key reads as null. Counts the reads and bytes it serves, so a test can see what a read touched. Thread-safe.
/// </summary>
public sealed class FileSystemStore
{
    private int _reads;
    private long _bytesRead;

    public FileSystemStore(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    /// <summary>Get/GetRange/GetSuffix calls that found their key.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public string FileOf(string key) => Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));

    public bool Exists(string key) => File.Exists(FileOf(key));

    /// <summary>Size of the value, or −1 when the key is missing.</summary>
    public long Size(string key)
    {
        var f = new FileInfo(FileOf(key));
        return f.Exists ? f.Length : -1;
    }

    public byte[]? Get(string key)
    {
        try
        {
            return Counted(File.ReadAllBytes(FileOf(key)));
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    /// <summary>A UTF-8 document (metadata), or "" when the key is missing.</summary>
    public string GetText(string key) => System.Text.Encoding.UTF8.GetString(Get(key) ?? Array.Empty<byte>());

    /// <summary><paramref name="length"/> bytes from <paramref name="offset"/>; fewer when the value is shorter.</summary>
    public byte[]? GetRange(string key, long offset, int length) => Read(key, fs => offset, length);

    /// <summary>The last <paramref name="length"/> bytes (all of them when the value is shorter).</summary>
    public byte[]? GetSuffix(string key, int length) => Read(key, fs => Math.Max(0, fs.Length - length), length);

    /// <summary>Sum of the sizes of every value except the metadata documents (.zarray, .zattrs, .zgroup, zarr.json).</summary>
    public long ChunkBytes()
    {
        long total = 0;
        if (!Directory.Exists(Root)) return 0;
        foreach (FileInfo f in new DirectoryInfo(Root).EnumerateFiles("*", SearchOption.AllDirectories))
            if (!f.Name.StartsWith(".", StringComparison.Ordinal) && f.Name != "zarr.json") total += f.Length;
        return total;
    }

    private byte[]? Read(string key, Func<FileStream, long> start, int length)
    {
        FileStream fs;
        try
        {
            fs = new FileStream(FileOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
        using (fs)
        {
            long from = start(fs);
            int n = (int)Math.Max(0, Math.Min(length, fs.Length - from));
            var result = new byte[n];
            fs.Position = from;
            int got = 0;
            while (got < n)
            {
                int r = fs.Read(result, got, n - got);
                if (r == 0) break;
                got += r;
            }
            return Counted(got == n ? result : result.AsSpan(0, got).ToArray());
        }
    }

    private byte[] Counted(byte[] value)
    {
        Interlocked.Increment(ref _reads);
        Interlocked.Add(ref _bytesRead, value.Length);
        return value;
    }
}
