using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace PhotonCodec.Infrastructure;

/// <summary>
/// The -ReportPath CSV: one row per input, appended and flushed as each input ends, so a Ctrl+C or a kill loses
/// nothing that was done; a rerun appends to the same file (the header is written only to a new or empty file).
/// </summary>
internal sealed class BatchReport : IDisposable
{
    private static readonly string[] Columns = { "Time", "Source", "Destination", "Status", "InputBytes", "StoredBytes", "Ratio", "Seconds", "ErrorId", "Message" };
    private readonly StreamWriter _writer;
    private readonly object _gate = new();

    public BatchReport(string path)
    {
        string? folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        _writer = new StreamWriter(stream, new UTF8Encoding(false));
        if (stream.Length == 0) WriteLine(Columns);
    }

    public void Append(string source, string destination, string status, long? inputBytes, long? storedBytes, double? ratio, double? seconds,
        string errorId = "", string message = "")
    {
        var c = CultureInfo.InvariantCulture;
        WriteLine(new[]
        {
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", c), source, destination, status, inputBytes?.ToString(c) ?? "", storedBytes?.ToString(c) ?? "",
            ratio?.ToString("0.####", c) ?? "", seconds?.ToString("0.###", c) ?? "", errorId, message,
        });
    }

    private void WriteLine(string[] fields)
    {
        var line = new StringBuilder();
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0) line.Append(',');
            string f = fields[i].Replace("\r", " ").Replace("\n", " ");
            line.Append('"').Append(f.Replace("\"", "\"\"")).Append('"');
        }
        lock (_gate)
        {
            _writer.WriteLine(line.ToString());
            _writer.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }
}
