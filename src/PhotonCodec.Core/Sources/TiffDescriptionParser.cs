using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PhotonCodec.Core.Sources;

/// <summary>Recognizes ImageJ and ScanImage descriptions and parses ImageJ's key=value header.</summary>
internal static class TiffDescriptionParser
{
    private static readonly Regex ScanImageKey = new(@"(^|\n)\s*(SI\.|SI4\.|state\.|scanimage\.)", RegexOptions.CultureInvariant);

    public static bool IsImageJ(string? description) =>
        description is not null && description.StartsWith("ImageJ=", StringComparison.Ordinal);

    public static bool IsScanImage(string? description, string? software) =>
        Mentions(description) || Mentions(software)
        || (software is not null && (software == "SI" || software.StartsWith("SI ", StringComparison.Ordinal)));

    private static bool Mentions(string? text) =>
        text is not null && (text.IndexOf("ScanImage", StringComparison.OrdinalIgnoreCase) >= 0 || ScanImageKey.IsMatch(text));

    /// <summary>ImageJ's "key=value" lines as JSON-friendly values (long, double, bool or string).</summary>
    public static Dictionary<string, object?> ParseImageJ(string description)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (string rawLine in description.Split('\n'))
        {
            string line = rawLine.TrimEnd('\r', '\0');
            int eq = line.IndexOf('=');
            if (eq <= 0) continue;
            string key = line.Substring(0, eq).Trim();
            if (key.Length == 0) continue;
            result[key] = ParseValue(line.Substring(eq + 1).Trim());
        }
        return result;
    }

    internal static object ParseValue(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && !double.IsNaN(d) && !double.IsInfinity(d)) return d;
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)) return false;
        return text;
    }
}
