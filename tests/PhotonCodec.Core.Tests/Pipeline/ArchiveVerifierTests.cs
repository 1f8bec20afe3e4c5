using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PhotonCodec.Core.Pipeline;
using PhotonCodec.Core.Sources;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Pipeline;

public sealed class ArchiveVerifierTests
{
    private static SyntheticMovie Movie(int frames = 23) =>
        SyntheticMovie.Generate(5, 30, 200, 8, PixelType.UInt16, frames, 16, 12, (t, y, x) => 0.5 + (x + y) / 6.0 + (t % 4));

    /// <summary>The movie as a raw file (so the archive records its size and SHA-256) converted to <paramref name="zarr"/>.</summary>
    private static string Archive(TempDir dir, ArchiveFormat format, string name = "a.zarr", int? inner = null, CodecMode mode = CodecMode.Quantized,
        ArchiveStructure layout = ArchiveStructure.Array)
    {
        SyntheticMovie m = Movie();
        string raw = dir.File("movie.raw");
        if (!File.Exists(raw)) File.WriteAllBytes(raw, m.ToBytes());
        using RawFrameSource source = RawFrameSource.Open(raw, new long[] { m.Frames, m.Height, m.Width }, PixelType.UInt16, false);
        string zarr = dir.File(name);
        PhotonConverter.Convert(source, zarr, new ConversionOptions
        {
            Mode = mode, Gain = 30, ZeroLevel = 200, ReadNoise = 8, ChunkFrames = 10, Format = format, Layout = layout,
            InnerChunkFrames = format == ArchiveFormat.ZarrV3 ? inner ?? 2 : null,
        });
        return zarr;
    }

    private static string ChunkFile(string zarr, ArchiveFormat format, int chunk) =>
        Path.Combine(zarr, format == ArchiveFormat.ZarrV3 ? Path.Combine("c", chunk.ToString(), "0", "0") : $"{chunk}.0.0");

    private static void FlipByte(string file, long at)
    {
        byte[] b = File.ReadAllBytes(file);
        b[at] ^= 0x10;
        File.WriteAllBytes(file, b);
    }

    [Theory]
    [InlineData(ArchiveFormat.ZarrV2)]
    [InlineData(ArchiveFormat.ZarrV3)]
    public void AFreshArchivePassesAndRecordsEveryChunkTheSourceAndItsDigest(ArchiveFormat format)
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, format);
        ArchiveVerification v = ArchiveVerifier.Verify(zarr);
        Assert.True(v.Passed, v.Reason);
        Assert.Null(v.Reason);
        Assert.Empty(v.Problems);
        Assert.True(v.HasManifest);
        Assert.Equal(3, v.ChunksChecked);
        Assert.Equal(Enumerable.Range(0, 3).Sum(c => new FileInfo(ChunkFile(zarr, format, c)).Length), v.BytesChecked);
        Assert.Equal(new FileInfo(dir.File("movie.raw")).Length, v.SourceSize);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(dir.File("movie.raw")))).ToLowerInvariant(), v.SourceSha256);
        FixityManifest manifest = FixityManifest.Parse(File.ReadAllText(Path.Combine(zarr, FixityManifest.FileName)), zarr);
        Assert.Equal(manifest.ComputeContentSha256(), v.ContentSha256);
        Assert.Equal(format == ArchiveFormat.ZarrV3 ? new[] { "zarr.json" } : new[] { ".zarray", ".zattrs" }, manifest.Documents.Select(d => d.Key));
        Assert.True(ArchiveVerifier.MatchesSource(zarr, dir.File("movie.raw"), out string? reason), reason);
    }

    [Theory]
    [InlineData(ArchiveFormat.ZarrV2)]
    [InlineData(ArchiveFormat.ZarrV3)]
    public void OneFlippedByteInAnyChunkIsNamedWithItsFrames(ArchiveFormat format)
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, format);
        for (int chunk = 0; chunk < 3; chunk++)
        {
            string file = ChunkFile(zarr, format, chunk);
            long at = new FileInfo(file).Length / 3;
            FlipByte(file, at);
            ArchiveVerification v = ArchiveVerifier.Verify(zarr);
            Assert.False(v.Passed);
            ChunkProblem p = Assert.Single(v.Problems);
            Assert.Equal(new long[] { chunk, 0, 0 }, p.ChunkIndex);
            Assert.Equal(Path.GetFullPath(file), p.File);
            Assert.StartsWith(ChunkProblem.ChecksumMismatch, p.Problem);
            Assert.Equal(chunk * 10, format == ArchiveFormat.ZarrV2 ? p.FirstFrame : p.FirstFrame / 10 * 10);
            Assert.True(p.LastFrame <= Math.Min(chunk * 10 + 9, 22));
            Assert.Contains(p.Key, v.Reason);
            FlipByte(file, at);
        }
        Assert.True(ArchiveVerifier.Verify(zarr).Passed);
    }

    [Fact]
    public void AFlippedByteInAShardIsPinnedToItsInnerChunkAndInTheIndexToTheIndex()
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, ArchiveFormat.ZarrV3, inner: 2);
        string file = ChunkFile(zarr, ArchiveFormat.ZarrV3, 1);
        FixityManifest manifest = FixityManifest.Parse(File.ReadAllText(Path.Combine(zarr, FixityManifest.FileName)), zarr);
        FixityInnerChunk third = manifest.Chunks.Single(c => c.ChunkIndex[0] == 1).Inner![2]!;
        FlipByte(file, third.Offset + 1);
        ChunkProblem p = Assert.Single(ArchiveVerifier.Verify(zarr).Problems);
        Assert.Contains("inner chunk 2", p.Problem);
        Assert.Equal((14, 15), (p.FirstFrame, p.LastFrame));
        FlipByte(file, third.Offset + 1);

        FlipByte(file, new FileInfo(file).Length - 6); // inside the index
        p = Assert.Single(ArchiveVerifier.Verify(zarr).Problems);
        Assert.Contains("shard index", p.Problem);
        Assert.Equal((10, 19), (p.FirstFrame, p.LastFrame));
    }

    [Theory]
    [InlineData(ArchiveFormat.ZarrV2)]
    [InlineData(ArchiveFormat.ZarrV3)]
    public void ATruncatedAndADeletedChunkAreNamed(ArchiveFormat format)
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, format);
        string last = ChunkFile(zarr, format, 2);
        byte[] b = File.ReadAllBytes(last);
        File.WriteAllBytes(last, b.AsSpan(0, b.Length - 7).ToArray());
        File.Delete(ChunkFile(zarr, format, 0));
        ArchiveVerification v = ArchiveVerifier.Verify(zarr);
        Assert.False(v.Passed);
        Assert.Equal(2, v.Problems.Count);
        ChunkProblem missing = v.Problems.Single(p => p.ChunkIndex[0] == 0);
        Assert.Equal(ChunkProblem.MissingProblem, missing.Problem);
        Assert.Equal((0, 9), (missing.FirstFrame, missing.LastFrame));
        ChunkProblem truncated = v.Problems.Single(p => p.ChunkIndex[0] == 2);
        Assert.StartsWith(ChunkProblem.TruncatedProblem, truncated.Problem);
        Assert.Equal((20, 22), (truncated.FirstFrame, truncated.LastFrame));
        Assert.Contains("2 chunks are bad", v.Reason);
    }

    [Theory]
    [InlineData(ArchiveFormat.ZarrV2, ".zarray")]
    [InlineData(ArchiveFormat.ZarrV3, "zarr.json")]
    public void AnEditedArrayDocumentIsNamedWithWhatChanged(ArchiveFormat format, string document)
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, format);
        string path = Path.Combine(zarr, document);
        JsonObject o = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        o["shape"]![0] = 20;
        File.WriteAllText(path, o.ToJsonString());
        ArchiveVerification v = ArchiveVerifier.Verify(zarr);
        Assert.False(v.Passed);
        Assert.All(v.Problems, p => Assert.Equal(document, p.Key));
        Assert.Contains(v.Problems, p => p.Problem.StartsWith("metadata changed since it was written", StringComparison.Ordinal));
        Assert.Contains(v.Problems, p => p.Problem.Contains("shape [20,16,12] (written [23,16,12])", StringComparison.Ordinal));
        Assert.Contains(document, v.Reason);
    }

    [Fact]
    public void AWhitespaceEditOfZattrsIsCaughtByItsDigest()
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, ArchiveFormat.ZarrV2);
        File.AppendAllText(Path.Combine(zarr, ".zattrs"), " ");
        ChunkProblem p = Assert.Single(ArchiveVerifier.Verify(zarr).Problems);
        Assert.Equal(".zattrs", p.Key);
        Assert.Empty(p.ChunkIndex);
    }

    [Fact]
    public void AnEditedManifestFailsItsOwnDigest()
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, ArchiveFormat.ZarrV2);
        string path = Path.Combine(zarr, FixityManifest.FileName);
        JsonObject o = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        o["chunks"]!["1.0.0"]!["crc32c"] = "00000000";
        File.WriteAllText(path, o.ToJsonString());
        ArchiveVerification v = ArchiveVerifier.Verify(zarr);
        Assert.False(v.Passed);
        Assert.Contains(v.Problems, p => p.Key == FixityManifest.FileName && p.Problem.StartsWith("manifest changed", StringComparison.Ordinal));
        Assert.Contains(v.Problems, p => p.Key == "1.0.0");
    }

    [Fact]
    public void AnArchiveWithoutAManifestNeverPassesButIsStillChecked()
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, ArchiveFormat.ZarrV2);
        File.Delete(Path.Combine(zarr, FixityManifest.FileName));
        ArchiveVerification v = ArchiveVerifier.Verify(zarr);
        Assert.False(v.Passed);
        Assert.False(v.HasManifest);
        Assert.Contains("no fixity manifest", v.Reason);
        Assert.Empty(v.Problems);
        Assert.NotNull(v.SourceSha256); // from the provenance in .zattrs

        File.Delete(ChunkFile(zarr, ArchiveFormat.ZarrV2, 1));
        ChunkProblem p = Assert.Single(ArchiveVerifier.Verify(zarr).Problems);
        Assert.Equal((ChunkProblem.MissingProblem, 10, 19), (p.Problem, p.FirstFrame, p.LastFrame));
    }

    [Fact]
    public void AnUndecodableChunkWhoseChecksumWasRecomputedIsFoundByDecoding()
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, ArchiveFormat.ZarrV2);
        // A chunk replaced by garbage and the manifest rewritten to match: only decoding can tell.
        string file = ChunkFile(zarr, ArchiveFormat.ZarrV2, 1);
        var garbage = new byte[64];
        new Random(3).NextBytes(garbage);
        File.WriteAllBytes(file, garbage);
        string path = Path.Combine(zarr, FixityManifest.FileName);
        FixityManifest m = FixityManifest.Parse(File.ReadAllText(path), zarr);
        var chunks = m.Chunks.Select(c => c.Key == "1.0.0" ? c with { Size = 64, Crc32c = PhotonCodec.Core.Codecs.Crc32cCodec.Checksum(garbage) } : c).ToList();
        File.WriteAllText(path, new FixityManifest(m.ArrayPath, m.Array, chunks, m.Documents, m.Source).ToJson());
        ArchiveVerification v = ArchiveVerifier.Verify(zarr);
        ChunkProblem p = Assert.Single(v.Problems);
        Assert.StartsWith(ChunkProblem.UndecodablePrefix, p.Problem);
        Assert.Equal("1.0.0", p.Key);
        Assert.True(ArchiveVerifier.Verify(zarr, decode: false).Passed);
    }

    [Theory]
    [InlineData(ArchiveFormat.ZarrV2, ".zattrs", "0/1.0.0")]
    [InlineData(ArchiveFormat.ZarrV3, "zarr.json", "0/c/1/0/0")]
    public void AnOmeZarrGroupIsVerifiedWholeWithItsGroupDocuments(ArchiveFormat format, string groupDocument, string chunkKey)
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, format, layout: ArchiveStructure.OmeZarr);
        Assert.True(File.Exists(Path.Combine(zarr, FixityManifest.FileName)));
        Assert.True(ArchiveVerifier.Verify(zarr).Passed);
        Assert.True(ArchiveVerifier.Verify(Path.Combine(zarr, "0")).Passed);
        File.AppendAllText(Path.Combine(zarr, groupDocument), "\n");
        Assert.Equal(groupDocument, Assert.Single(ArchiveVerifier.Verify(zarr).Problems).Key);
        FlipByte(Path.Combine(zarr, chunkKey.Replace('/', Path.DirectorySeparatorChar)), 20);
        Assert.Contains(ArchiveVerifier.Verify(zarr).Problems, p => p.Key == chunkKey);
    }

    [Fact]
    public void MatchesSourceComparesSizeThenHash()
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, ArchiveFormat.ZarrV2);
        string raw = dir.File("movie.raw");
        byte[] b = File.ReadAllBytes(raw);
        b[100] ^= 1;
        File.WriteAllBytes(dir.File("changed.raw"), b);
        Assert.False(ArchiveVerifier.MatchesSource(zarr, dir.File("changed.raw"), out string? reason));
        Assert.Contains("same size, different content", reason);
        File.WriteAllBytes(dir.File("short.raw"), b.AsSpan(2).ToArray());
        Assert.False(ArchiveVerifier.MatchesSource(zarr, dir.File("short.raw"), out reason));
        Assert.Contains("bytes", reason);
    }

    [Theory]
    [InlineData(ArchiveFormat.ZarrV2)]
    [InlineData(ArchiveFormat.ZarrV3)]
    public void ReadsCheckChecksumsAndAMissingChunkIsAnErrorNotZeros(ArchiveFormat format)
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, format, mode: CodecMode.Lossless);
        var frames = new byte[16 * 12 * 2];
        string file = ChunkFile(zarr, format, 1);
        FixityManifest manifest = FixityManifest.Parse(File.ReadAllText(Path.Combine(zarr, FixityManifest.FileName)), zarr);
        long at = format == ArchiveFormat.ZarrV3 ? manifest.Chunks.Single(c => c.ChunkIndex[0] == 1).Inner![1]!.Offset + 40 : 40;
        FlipByte(file, at);
        PhotonArchive archive = PhotonArchive.Open(zarr);
        archive.ReadFrames(0, 1, frames); // chunk 0 is intact
        var bad = Assert.Throws<ChunkChecksumException>(() => archive.ReadFrames(format == ArchiveFormat.ZarrV3 ? 12 : 15, 1, frames));
        Assert.Equal(Path.GetFullPath(file), bad.File);
        Assert.Equal(format == ArchiveFormat.ZarrV3 ? (12, 13) : (10, 19), (bad.FirstFrame, bad.LastFrame));
        Assert.Contains(Path.GetFullPath(file), bad.Message);
        archive.Store.Checksums.Verify = false;
        try { archive.ReadFrames(15, 1, frames); }
        catch (ZarrFormatException) { } // the flipped byte may or may not break the Blosc stream; it is no checksum error

        File.Delete(ChunkFile(zarr, format, 2));
        PhotonArchive reopened = PhotonArchive.Open(zarr);
        var missing = Assert.Throws<MissingChunkException>(() => reopened.ReadFrames(21, 1, frames));
        Assert.Equal((20, 22), (missing.FirstFrame, missing.LastFrame));
        // The manifest alone says so too (a plain Zarr reader of the array, no photon attributes consulted).
        Assert.Throws<MissingChunkException>(() => ZarrArrayReader.Open(zarr).ReadFrames(21, 1, frames));
        File.Delete(Path.Combine(zarr, FixityManifest.FileName));
        Assert.Throws<MissingChunkException>(() => PhotonArchive.Open(zarr).ReadFrames(21, 1, frames));
    }

    [Fact]
    public void ZarrPython213ReadsAnArchiveWithItsManifest()
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, ArchiveFormat.ZarrV2, mode: CodecMode.Lossless);
        string output = Python.Run("""
            import sys, zarr, numpy
            a = zarr.open(sys.argv[1], mode='r')
            raw = numpy.fromfile(sys.argv[2], dtype='<u2').reshape(a.shape)
            print(a.nchunks_initialized, a.nchunks, bool((a[:] == raw).all()))
            """, zarr, dir.File("movie.raw"));
        Assert.Equal("3 3 True", output.Trim());
    }

    [ZarritaFact]
    public void ZarritaReadsAV3ArchiveWithItsManifest()
    {
        using var dir = new TempDir();
        string zarr = Archive(dir, ArchiveFormat.ZarrV3, mode: CodecMode.Lossless);
        Zarrita.Run("read", zarr, dir.File("z.bin"));
        Assert.Equal(File.ReadAllBytes(dir.File("movie.raw")), File.ReadAllBytes(dir.File("z.bin")));
    }
}
