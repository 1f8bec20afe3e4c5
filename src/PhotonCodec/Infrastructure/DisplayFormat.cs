using System.Globalization;

namespace PhotonCodec;

/// <summary>Human-readable values for the default views (module/PhotonCodec.Format.ps1xml).</summary>
public static class DisplayFormat
{
    private static readonly string[] Units = { "B", "KB", "MB", "GB", "TB", "PB" };

    /// <summary>1536 → "1.50 KB" (binary multiples, as Windows Explorer and ls -h show them).</summary>
    public static string Bytes(long bytes)
    {
        double value = bytes;
        int unit = 0;
        while (System.Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? bytes.ToString(CultureInfo.CurrentCulture) + " B"
            : value.ToString("0.00", CultureInfo.CurrentCulture) + " " + Units[unit];
    }

    /// <summary>The file or folder name of a path (tables show names; the full path is on the object).</summary>
    public static string Name(string path) =>
        System.IO.Path.GetFileName(path.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar));
}
