using System;
using System.Globalization;
using BitMiracle.LibTiff.Classic;

namespace PhotonCodec.Core.Sources;

/// <summary>An error LibTiff.NET reported through its handler; callers turn it into a <see cref="CorruptTiffException"/> naming file and page.</summary>
internal sealed class LibTiffErrorException : Exception
{
    public LibTiffErrorException(string message) : base(message) { }
}

/// <summary>
/// LibTiff.NET's error handler is process-wide and prints to the console by default. This one prints nothing,
/// ignores warnings and throws on errors so that no failure is lost in a null return.
/// </summary>
internal sealed class LibTiffErrorRouter : TiffErrorHandler
{
    private static readonly object Gate = new();
    private static bool installed;

    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (installed) return;
            Tiff.SetErrorHandler(new LibTiffErrorRouter());
            installed = true;
        }
    }

    public override void ErrorHandler(Tiff tif, string method, string format, params object[] args) =>
        throw new LibTiffErrorException(Describe(method, format, args));

    // LibTiff calls both for one error; whichever runs first throws.
    public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) =>
        throw new LibTiffErrorException(Describe(method, format, args));

    public override void WarningHandler(Tiff tif, string method, string format, params object[] args) { }

    public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) { }

    private static string Describe(string method, string format, object[] args)
    {
        string text;
        try
        {
            text = args is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, format, args) : format;
        }
        catch (FormatException)
        {
            text = format;
        }
        return string.IsNullOrEmpty(method) ? text : $"{method}: {text}";
    }
}
