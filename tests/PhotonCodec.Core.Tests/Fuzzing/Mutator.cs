using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace PhotonCodec.Core.Tests.Fuzzing;

/// <summary>
/// Seeded mutations of one seed: bit flips, byte runs, truncation, random header bytes, length fields set to
/// extremes, splices; for JSON also tokens replaced by extreme literals and duplicated or dropped members.
/// The same Random state gives the same mutant, so (seed, case index) reproduces a case.
/// </summary>
public static class Mutator
{
    private static readonly long[] Extremes =
    {
        0, 1, -1, 2, 3, 7, 8, 15, 16, 17, 255, 256, 4095, 4096, 32767, 32768, 65535, 65536, 1 << 20, (1 << 20) + 1,
        0x7FFFFFF0, int.MaxValue, int.MinValue, uint.MaxValue, 1L << 32, long.MaxValue, long.MinValue,
    };

    private static readonly string[] JsonLiterals =
    {
        "0", "-1", "1", "2", "65535", "65536", "2147483647", "2147483648", "4294967296", "-2147483649",
        "9223372036854775807", "18446744073709551616", "1e308", "-1e308", "1e999", "1.5", "-0", "0.1",
        "null", "true", "false", "\"\"", "\"x\"", "\"<u2\"", "\"|u1\"", "\"uint16\"", "[]", "[null]", "[1,2,3]",
        "[2147483647,2147483647,2147483647]", "[65536,65536,65536]", "{}", "{\"id\":null}", "[[1]]",
    };

    private static readonly Regex Token = new(@"-?\d+(\.\d+)?([eE][+-]?\d+)?|""(?:[^""\\]|\\.)*""|\btrue\b|\bfalse\b|\bnull\b", RegexOptions.Compiled);
    private static readonly Regex Member = new(@"""(?:[^""\\]|\\.)*""\s*:\s*(-?[\d.eE+]+|""(?:[^""\\]|\\.)*""|true|false|null)", RegexOptions.Compiled);

    /// <summary>A mutant of <paramref name="seed"/>; <paramref name="log"/> receives what was done (for failure reports).</summary>
    public static byte[] Mutate(FuzzSeed seed, Random rng, int headerSpan, bool json, List<string> log)
    {
        byte[] data = (byte[])seed.Data.Clone();
        int rounds = 1 + (rng.Next(4) == 0 ? rng.Next(4) : rng.Next(2));
        for (int r = 0; r < rounds; r++)
        {
            // JSON: half the mutations work on tokens and members (byte damage mostly stops at the JSON parser).
            int kind = json && rng.Next(2) == 0 ? 7 + rng.Next(2) : rng.Next(7);
            switch (kind)
            {
                case 0: data = BitFlips(data, rng, log); break;
                case 1: data = ByteRun(data, rng, log); break;
                case 2: data = Truncate(data, rng, log); break;
                case 3: data = HeaderBytes(data, rng, headerSpan, log); break;
                case 4:
                case 5: data = ExtremeField(data, seed.Fields, rng, headerSpan, log); break;
                case 6: data = Splice(data, rng, log); break;
                case 7: data = JsonToken(data, rng, log); break;
                default: data = JsonMember(data, rng, log); break;
            }
        }
        return data;
    }

    private static byte[] BitFlips(byte[] d, Random rng, List<string> log)
    {
        if (d.Length == 0) return d;
        int flips = 1 + rng.Next(8);
        for (int i = 0; i < flips; i++)
        {
            int at = rng.Next(d.Length), bit = rng.Next(8);
            d[at] ^= (byte)(1 << bit);
        }
        log.Add($"flip{flips}");
        return d;
    }

    private static byte[] ByteRun(byte[] d, Random rng, List<string> log)
    {
        if (d.Length == 0) return d;
        int at = rng.Next(d.Length), len = Math.Min(d.Length - at, 1 + rng.Next(64));
        byte value = rng.Next(3) switch { 0 => 0, 1 => 0xFF, _ => (byte)rng.Next(256) };
        d.AsSpan(at, len).Fill(value);
        log.Add($"run@{at}x{len}={value}");
        return d;
    }

    private static byte[] Truncate(byte[] d, Random rng, List<string> log)
    {
        int keep = d.Length == 0 ? 0 : rng.Next(d.Length);
        log.Add($"cut@{keep}");
        return d.AsSpan(0, keep).ToArray();
    }

    private static byte[] HeaderBytes(byte[] d, Random rng, int headerSpan, List<string> log)
    {
        int span = Math.Min(d.Length, headerSpan);
        if (span == 0) return d;
        int width = 1 << rng.Next(4);
        int at = rng.Next(span);
        for (int i = 0; i < width && at + i < d.Length; i++) d[at + i] = (byte)rng.Next(256);
        log.Add($"hdr@{at}w{width}");
        return d;
    }

    private static byte[] ExtremeField(byte[] d, IReadOnlyList<FuzzField> fields, Random rng, int headerSpan, List<string> log)
    {
        FuzzField f;
        if (fields.Count > 0 && rng.Next(4) != 0) f = fields[rng.Next(fields.Count)];
        else
        {
            int span = Math.Min(d.Length, headerSpan);
            if (span < 2) return d;
            int width = rng.Next(3) switch { 0 => 2, 1 => 4, _ => 8 };
            f = new FuzzField(rng.Next(span) & ~1, width, rng.Next(2) == 0);
        }
        long v = Extremes[rng.Next(Extremes.Length)];
        if (rng.Next(8) == 0) v += rng.Next(-3, 4);
        for (int i = 0; i < f.Width; i++)
        {
            int at = f.Offset + (f.BigEndian ? f.Width - 1 - i : i);
            if ((uint)at < (uint)d.Length) d[at] = (byte)(v >> (8 * i));
        }
        log.Add($"ext@{f.Offset}w{f.Width}={v}");
        return d;
    }

    private static byte[] Splice(byte[] d, Random rng, List<string> log)
    {
        if (d.Length < 2) return d;
        int from = rng.Next(d.Length), len = 1 + rng.Next(Math.Min(d.Length - from, 256));
        int to = rng.Next(d.Length);
        if (rng.Next(2) == 0)
        {
            var grown = new byte[d.Length + len];
            d.AsSpan(0, to).CopyTo(grown);
            d.AsSpan(from, len).CopyTo(grown.AsSpan(to));
            d.AsSpan(to).CopyTo(grown.AsSpan(to + len));
            log.Add($"ins@{to}<{from}x{len}");
            return grown;
        }
        len = Math.Min(len, d.Length - to);
        d.AsSpan(from, Math.Min(len, d.Length - from)).ToArray().CopyTo(d.AsSpan(to));
        log.Add($"copy@{to}<{from}x{len}");
        return d;
    }

    private static byte[] JsonToken(byte[] d, Random rng, List<string> log)
    {
        string text = Encoding.UTF8.GetString(d);
        MatchCollection tokens = Token.Matches(text);
        if (tokens.Count == 0) return d;
        Match m = tokens[rng.Next(tokens.Count)];
        string literal = JsonLiterals[rng.Next(JsonLiterals.Length)];
        log.Add($"tok@{m.Index}={literal}");
        return Encoding.UTF8.GetBytes(text.Substring(0, m.Index) + literal + text.Substring(m.Index + m.Length));
    }

    private static byte[] JsonMember(byte[] d, Random rng, List<string> log)
    {
        string text = Encoding.UTF8.GetString(d);
        MatchCollection members = Member.Matches(text);
        if (members.Count == 0) return d;
        Match m = members[rng.Next(members.Count)];
        if (rng.Next(2) == 0)
        {
            // The same member twice: a duplicate key.
            log.Add($"dup@{m.Index}");
            return Encoding.UTF8.GetBytes(text.Substring(0, m.Index) + m.Value + "," + text.Substring(m.Index));
        }
        int end = m.Index + m.Length;
        if (end < text.Length && text[end] == ',') end++;
        log.Add($"drop@{m.Index}");
        return Encoding.UTF8.GetBytes(text.Substring(0, m.Index) + text.Substring(end));
    }
}
