using System.IO;
using System.Security.Cryptography;

namespace PhotonCodec.Core.Sources;

/// <summary>SHA-256 of a file, streamed, as lowercase hex (the provenance every file source records).</summary>
internal static class FileHash
{
    public static string Sha256Hex(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(file);
        var hex = new char[hash.Length * 2];
        const string digits = "0123456789abcdef";
        for (int i = 0; i < hash.Length; i++)
        {
            hex[2 * i] = digits[hash[i] >> 4];
            hex[2 * i + 1] = digits[hash[i] & 15];
        }
        return new string(hex);
    }
}
