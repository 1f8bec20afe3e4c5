using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using PhotonCodec.Core.Codecs;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Transform;

namespace PhotonCodec.Core.Pipeline;

/// <summary>
/// Verifies an archive without its source, against its fixity manifest (<see cref="FixityManifest"/>): every chunk present
/// with the size and CRC-32C written; every metadata document with the SHA-256 written, and the array's layout as written
/// (an edited .zarray or zarr.json is named); the manifest's own content digest; and, with decode, every chunk decodes to
/// frames. An archive without a manifest (written before PhotonCodec recorded one) is checked as far as it can be (chunks
/// present, decoding) but never passes: nothing proves its bytes are the ones written.
/// </summary>
public static class ArchiveVerifier
{
    public static ArchiveVerification Verify(string archivePath, bool decode = true, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (archivePath is null) throw new ArgumentNullException(nameof(archivePath));
        string full = Path.GetFullPath(archivePath).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (!Directory.Exists(full))
        {
            if (File.Exists(full)) return Failed(full, $"'{full}' is a file; an archive is a folder holding .zarray or zarr.json.");
            throw new DirectoryNotFoundException($"Cannot find the archive '{full}'.");
        }
        if (ChannelArrays(full) is { } channels)
            return Combine(full, channels.Select(c => Verify(Path.Combine(full, c), decode, null, cancellationToken)).ToList(), channels);
        return new Run(full, decode, progress, cancellationToken).Execute();
    }

    /// <summary>
    /// True when the archive records this source's size and SHA-256 (size compared first, the hash only if sizes match).
    /// For a TIFF sequence <paramref name="sourcePath"/> is its folder (or one of its files): each recorded file is compared.
    /// </summary>
    public static bool MatchesSource(string archivePath, string sourcePath, out string? reason)
    {
        FixitySource? recorded;
        try
        {
            recorded = RecordedSource(archivePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No archive there, or one that does not open: it records nothing this source could match.
            reason = $"'{archivePath}' cannot be read as an archive: {ex.Message}";
            return false;
        }
        if (recorded is null)
        {
            reason = $"'{archivePath}' records no source size and SHA-256 (an archive of an archive, or written by another tool).";
            return false;
        }
        if (recorded.Files is { } files)
        {
            string folder = Directory.Exists(sourcePath) ? sourcePath : Path.GetDirectoryName(Path.GetFullPath(sourcePath)) ?? ".";
            foreach (FixitySourceFile f in files)
                if (!SameFile(Path.Combine(folder, f.FileName), f.Size, f.Sha256, out reason)) return false;
            reason = null;
            return true;
        }
        return SameFile(sourcePath, recorded.Size, recorded.Sha256, out reason);
    }

    /// <summary>The source as the archive records it: from its manifest, else from the provenance in its attributes.</summary>
    public static FixitySource? RecordedSource(string archivePath)
    {
        string full = Path.GetFullPath(archivePath);
        string array = OmeZarrGroup.ResolveArray(full) ?? full;
        try
        {
            if (FixityManifest.Find(array, out _, out _) is { Source: { } s }) return s;
        }
        catch (ZarrFormatException) { }
        return FixityRecorder.SourceOf(ZarrArrayReader.Open(array).Attributes);
    }

    private static bool SameFile(string path, long size, string sha256, out string? reason)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            reason = $"The source file '{file.FullName}' does not exist.";
            return false;
        }
        if (file.Length != size)
        {
            reason = $"The source '{file.FullName}' is {file.Length} bytes; the archive was written from {size} bytes: it is not the same file.";
            return false;
        }
        string actual = Sources.FileHash.Sha256Hex(file.FullName);
        if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
        {
            reason = $"The source '{file.FullName}' has SHA-256 {actual}; the archive was written from {sha256}: same size, different content.";
            return false;
        }
        reason = null;
        return true;
    }

    /// <summary>The channel arrays of a channel group (c0, c1 …), or null when the folder is not one.</summary>
    private static string[]? ChannelArrays(string folder)
    {
        string attrs = Path.Combine(folder, ".zattrs");
        if (!File.Exists(Path.Combine(folder, ".zgroup")) || !File.Exists(attrs)) return null;
        JsonObject o;
        try { o = JsonNode.Parse(File.ReadAllText(attrs)) as JsonObject ?? new JsonObject(); }
        catch (System.Text.Json.JsonException) { return null; }
        if (o["photoncodec"]?["layout"]?.GetValue<string>() != "channels" || o["channels"] is not JsonArray list) return null;
        return list.Select(c => c?["path"]?.GetValue<string>()).Where(p => p is not null).Select(p => p!).ToArray();
    }

    private static ArchiveVerification Combine(string path, IReadOnlyList<ArchiveVerification> parts, string[] names)
    {
        var problems = new List<ChunkProblem>();
        for (int i = 0; i < parts.Count; i++)
            problems.AddRange(parts[i].Problems.Select(p => new ChunkProblem(names[i] + "/" + p.Key, p.File, p.ChunkIndex, p.FirstFrame, p.LastFrame, p.Problem)));
        string? reason = parts.Select((p, i) => p.Reason is null ? null : $"{names[i]}: {p.Reason}").FirstOrDefault(r => r is not null);
        return new ArchiveVerification(path, parts.All(p => p.Passed), reason, problems, parts.Sum(p => p.ChunksChecked), parts.Sum(p => p.BytesChecked),
            parts.Count > 0 ? parts[0].SourceSha256 : null, parts.Count > 0 ? parts[0].SourceSize : null, parts.All(p => p.HasManifest), null);
    }

    private static ArchiveVerification Failed(string path, string reason) =>
        new(path, false, reason, Array.Empty<ChunkProblem>(), 0, 0, null, null, false, null);

    /// <summary>One verification: its state, filled in step by step.</summary>
    private sealed class Run
    {
        private readonly string _path;
        private readonly bool _decode;
        private readonly IProgress<double>? _progress;
        private readonly CancellationToken _token;
        private readonly List<ChunkProblem> _problems = new();
        private readonly List<string> _notes = new();
        private readonly HashSet<string> _badChunks = new(StringComparer.Ordinal);
        private long _chunksChecked, _bytesChecked;
        private string _prefix = "";

        public Run(string path, bool decode, IProgress<double>? progress, CancellationToken token)
        {
            _path = path;
            _decode = decode;
            _progress = progress;
            _token = token;
        }

        public ArchiveVerification Execute()
        {
            string array;
            try
            {
                array = OmeZarrGroup.ResolveArray(_path) ?? _path;
            }
            catch (ZarrFormatException ex)
            {
                return Failed(_path, ex.Message);
            }
            FixityManifest? manifest = null;
            string manifestFolder = array, prefix = "";
            try
            {
                manifest = FixityManifest.Find(array, out manifestFolder, out prefix);
                _prefix = prefix;
            }
            catch (ZarrFormatException ex)
            {
                _problems.Add(ChunkProblem.Document(FixityManifest.FileName, Path.Combine(array, FixityManifest.FileName), 0, "unreadable manifest: " + ex.Message));
            }

            PhotonArchive? archive = null;
            try
            {
                archive = PhotonArchive.Open(array);
            }
            catch (Exception ex) when (ex is ZarrFormatException or PhotonAttributesException or IOException)
            {
                string doc = manifest is not null && File.Exists(Path.Combine(array, ZarrV3Metadata.Key)) ? ZarrV3Metadata.Key : ".zarray";
                _problems.Add(ChunkProblem.Document(prefix + doc, Path.Combine(array, doc), 0, "metadata unreadable: " + ex.Message));
            }
            int frames = archive?.FrameCount ?? FramesOf(manifest);

            if (manifest is not null)
            {
                CheckManifest(manifest, manifestFolder, frames);
                if (archive is not null) CompareLayout(manifest, archive.Store.Metadata, manifestFolder, prefix, frames);
                CheckChunks(manifest, manifestFolder);
            }
            else if (archive is not null)
            {
                _notes.Add("no fixity manifest: the archive was written before PhotonCodec recorded checksums (or by another tool), so its chunks cannot be proven intact");
                CheckPresent(archive);
            }
            else if (_problems.Count == 0)
            {
                _notes.Add("no fixity manifest");
            }

            // Decoding an array whose metadata no longer says what was written would only add noise.
            bool metadataOk = archive is not null && !_problems.Any(p => p.ChunkIndex.Length == 0);
            if (_decode && metadataOk) DecodeAll(archive!, manifest is not null);
            _progress?.Report(1);

            FixitySource? source = manifest?.Source ?? (archive is null ? null : FixityRecorder.SourceOf(archive.Store.Attributes));
            bool passed = manifest is not null && _problems.Count == 0 && _notes.Count == 0;
            return new ArchiveVerification(_path, passed, passed ? null : ReasonText(), _problems.ToArray(), _chunksChecked, _bytesChecked,
                source?.Sha256, source?.Size, manifest is not null, manifest?.ContentSha256);
        }

        private string ReasonText()
        {
            var parts = new List<string>(_notes);
            int chunks = _problems.Count(p => p.ChunkIndex.Length > 0);
            int documents = _problems.Count - chunks;
            if (documents > 0) parts.Add(string.Join("; ", _problems.Where(p => p.ChunkIndex.Length == 0).Select(p => $"{p.Key}: {p.Problem}")));
            if (chunks > 0)
            {
                ChunkProblem first = _problems.First(p => p.ChunkIndex.Length > 0);
                parts.Add(chunks == 1
                    ? $"chunk {first.Key} (frames {first.FirstFrame}–{first.LastFrame}): {first.Problem}"
                    : $"{chunks} chunks are bad, the first {first.Key} (frames {first.FirstFrame}–{first.LastFrame}): {first.Problem}");
            }
            return string.Join("; ", parts);
        }

        private static int FramesOf(FixityManifest? manifest)
        {
            try { return manifest is null ? 0 : (int)Math.Min(int.MaxValue, manifest.Array["shape"]![0]!.GetValue<long>()); }
            catch (Exception ex) when (ex is InvalidOperationException or NullReferenceException or ArgumentException) { return 0; }
        }

        private void CheckManifest(FixityManifest manifest, string folder, int frames)
        {
            if (manifest.ComputeContentSha256() != manifest.ContentSha256)
                _problems.Add(ChunkProblem.Document(FixityManifest.FileName, Path.Combine(folder, FixityManifest.FileName), frames,
                    $"manifest changed: its entries give content digest {manifest.ComputeContentSha256()}, it records {manifest.ContentSha256}"));
            foreach (FixityDocument d in manifest.Documents)
            {
                string file = FileOf(folder, d.Key);
                if (!File.Exists(file))
                {
                    _problems.Add(ChunkProblem.Document(d.Key, file, frames, "metadata " + ChunkProblem.MissingProblem));
                    continue;
                }
                byte[] bytes = File.ReadAllBytes(file);
                if (bytes.Length != d.Size || !string.Equals(FixityManifest.Sha256Hex(bytes), d.Sha256, StringComparison.OrdinalIgnoreCase))
                    _problems.Add(ChunkProblem.Document(d.Key, file, frames, $"metadata changed since it was written (sha256 {FixityManifest.Sha256Hex(bytes)}, {d.Sha256} written)"));
            }
        }

        /// <summary>Names what differs between the array's metadata now and the layout written (shape, dtype, chunks, codecs, keys).</summary>
        private void CompareLayout(FixityManifest manifest, ZarrArrayMetadata metadata, string folder, string prefix, int frames)
        {
            JsonObject now = FixityManifest.ArrayLayout(metadata);
            var differences = new List<string>();
            foreach (KeyValuePair<string, JsonNode?> kv in manifest.Array)
            {
                string written = kv.Value?.ToJsonString() ?? "null", actual = now[kv.Key]?.ToJsonString() ?? "null";
                if (written != actual) differences.Add($"{kv.Key} {actual} (written {written})");
            }
            if (differences.Count == 0) return;
            string doc = prefix + (metadata.ZarrFormat == 3 ? ZarrV3Metadata.Key : ".zarray");
            // The document's own row (sha256) says that it changed; this one says what.
            _problems.Add(ChunkProblem.Document(doc, FileOf(folder, doc), frames, "metadata differs from what was written: " + string.Join(", ", differences)));
        }

        private void CheckChunks(FixityManifest manifest, string folder)
        {
            bool sharded = manifest.Chunks.Any(c => c.Inner is not null);
            int innerFrames = sharded ? InnerFrames(manifest) : 0;
            int done = 0;
            foreach (FixityChunk c in manifest.Chunks)
            {
                _token.ThrowIfCancellationRequested();
                Report(++done, manifest.Chunks.Count, 0, _decode ? 0.3 : 1);
                string file = FileOf(folder, c.Key);
                (int first, int last) = manifest.FramesOf(c.ChunkIndex);
                if (!File.Exists(file))
                {
                    Bad(c, file, first, last, ChunkProblem.MissingProblem);
                    continue;
                }
                byte[] bytes = File.ReadAllBytes(file);
                _chunksChecked++;
                _bytesChecked += bytes.Length;
                if (bytes.Length < c.Size)
                {
                    Bad(c, file, first, last, $"{ChunkProblem.TruncatedProblem} ({bytes.Length} of {c.Size} bytes)");
                    continue;
                }
                uint crc = Crc32cCodec.Checksum(bytes);
                if (bytes.Length == c.Size && crc == c.Crc32c) continue;
                string grew = bytes.Length > c.Size ? $", {bytes.Length} bytes where {c.Size} were written" : "";
                if (c.Inner is { } inner && bytes.Length == c.Size)
                {
                    // Pin the damage to inner chunks (their frames) or to the shard index.
                    var bad = new List<int>();
                    for (int i = 0; i < inner.Count; i++)
                        if (inner[i] is { } e && Crc32cCodec.Checksum(bytes.AsSpan((int)e.Offset, (int)e.Size)) != e.Crc32c) bad.Add(i);
                    if (bad.Count == 0)
                    {
                        Bad(c, file, first, last, $"{ChunkProblem.ChecksumMismatch} in the shard index (crc32c {FixityManifest.Hex(crc)}, {FixityManifest.Hex(c.Crc32c)} written)");
                        continue;
                    }
                    (int f0, _) = manifest.FramesOf(c.ChunkIndex, bad[0] * innerFrames, innerFrames);
                    (_, int f1) = manifest.FramesOf(c.ChunkIndex, bad[bad.Count - 1] * innerFrames, innerFrames);
                    Bad(c, file, f0, f1, $"{ChunkProblem.ChecksumMismatch} in inner chunk{(bad.Count == 1 ? "" : "s")} {string.Join(", ", bad)} (crc32c of the shard {FixityManifest.Hex(crc)}, {FixityManifest.Hex(c.Crc32c)} written)");
                    continue;
                }
                Bad(c, file, first, last, $"{ChunkProblem.ChecksumMismatch} (crc32c {FixityManifest.Hex(crc)}, {FixityManifest.Hex(c.Crc32c)} written{grew})");
            }
        }

        /// <summary>Frames per inner chunk of the recorded layout (frames of a shard / inner chunks along t).</summary>
        private static int InnerFrames(FixityManifest manifest)
        {
            JsonNode? sharding = (manifest.Array["codecs"] as JsonArray)?.FirstOrDefault(c => c?["name"]?.GetValue<string>() == ShardingCodec.CodecName);
            return sharding?["configuration"]?["chunk_shape"]?[0]?.GetValue<int>() ?? 1;
        }

        /// <summary>Without a manifest: every chunk of an archive of ours must be there.</summary>
        private void CheckPresent(PhotonArchive archive)
        {
            if (archive.Mode is null) return; // another tool's array may leave fill-value chunks unwritten
            ZarrArrayMetadata m = archive.Store.Metadata;
            for (long c = 0; c < m.ChunkCount(0); c++)
                for (long y = 0; y < Math.Max(1, m.ChunkCount(1)); y++)
                    for (long x = 0; x < Math.Max(1, m.ChunkCount(2)); x++)
                    {
                        long[] index = { c, y, x };
                        if (archive.Store.ChunkExists(index)) continue;
                        string key = _prefix + archive.Store.ChunkKey(index);
                        int first = (int)(c * m.Chunks[0]);
                        _problems.Add(new ChunkProblem(key, archive.Store.ChunkFile(index), index, first, (int)Math.Min(first + m.Chunks[0], m.Shape[0]) - 1, ChunkProblem.MissingProblem));
                        _badChunks.Add(key);
                    }
        }

        /// <summary>Decodes every chunk row (all frames of a chunk along t) not already found bad; checksums were checked above.</summary>
        private void DecodeAll(PhotonArchive archive, bool checksummed)
        {
            ZarrArrayMetadata m = archive.Store.Metadata;
            archive.Store.Checksums.Verify = !checksummed;
            int perChunk = m.Chunks[0];
            long rows = m.ChunkCount(0);
            var buffer = new byte[checked((long)perChunk * archive.FramePixels * archive.OriginalType.Size())];
            for (long c = 0; c < rows; c++)
            {
                _token.ThrowIfCancellationRequested();
                Report(c + 1, rows, 0.3, 1);
                long[] index = { c, 0, 0 };
                string key = _prefix + archive.Store.ChunkKey(index);
                if (_badChunks.Contains(key)) continue;
                int first = (int)(c * perChunk), count = (int)Math.Min(perChunk, m.Shape[0] - first);
                try
                {
                    archive.ReadFrames(first, count, buffer);
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or CorruptCodeException or ArgumentException or IndexOutOfRangeException)
                {
                    _problems.Add(new ChunkProblem(key, archive.Store.ChunkFile(index), index, first, first + count - 1, ChunkProblem.UndecodablePrefix + ex.Message));
                }
            }
        }

        private void Bad(FixityChunk c, string file, int first, int last, string problem)
        {
            _problems.Add(new ChunkProblem(c.Key, file, c.ChunkIndex, first, last, problem));
            _badChunks.Add(c.Key);
        }

        private void Report(long done, long total, double from, double to) =>
            _progress?.Report(from + (to - from) * done / Math.Max(1, total));

        private static string FileOf(string folder, string key) => Path.Combine(folder, key.Replace('/', Path.DirectorySeparatorChar));
    }
}
