namespace PhotonCodec.Core.Sources;

internal static class TiffErrorText
{
    public static string Format(string filePath, int? page, string problem) =>
        page is int p ? $"TIFF '{filePath}', page {p} (0-based): {problem}" : $"TIFF '{filePath}': {problem}";
}
