using System;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Stores;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Stores;

public sealed class FileSystemStoreTests
{
    [Fact]
    public void KeysMapToFilesAndRangesReadOnlyWhatTheyAskFor()
    {
        using var dir = new TempDir();
        byte[] value = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        using (var staged = StagedFileSystemStore.Create(dir.File("s.zarr"), overwrite: false))
        {
            staged.Set("c/0/1/2", value);
            staged.Set("zarr.json", new byte[] { (byte)'{', (byte)'}' });
            Assert.Throws<IOException>(() => staged.Set("c/0/1/2", value));   // a key is written once, never rewritten
            Assert.False(Directory.Exists(dir.File("s.zarr")));
            Assert.Equal(102, staged.BytesWritten);
            staged.Commit();
        }
        var store = new FileSystemStore(dir.File("s.zarr"));
        Assert.True(File.Exists(dir.File("s.zarr/c/0/1/2")));
        Assert.Equal(value, store.Get("c/0/1/2"));
        Assert.Equal(value.Skip(10).Take(5), store.GetRange("c/0/1/2", 10, 5));
        Assert.Equal(value.Skip(95), store.GetRange("c/0/1/2", 95, 50));
        Assert.Equal(value.Skip(80), store.GetSuffix("c/0/1/2", 20));
        Assert.Equal(value, store.GetSuffix("c/0/1/2", 500));
        Assert.Null(store.Get("c/9/9/9"));
        Assert.Null(store.GetRange("nope/0", 0, 4));
        Assert.Equal(-1, store.Size("c/9"));
        Assert.Equal(100, store.Size("c/0/1/2"));
        Assert.Equal(100, store.ChunkBytes());   // zarr.json is metadata
        Assert.Equal(5, store.Reads);
        Assert.Equal(100 + 5 + 5 + 20 + 100, store.BytesRead);
        Assert.DoesNotContain(Directory.GetDirectories(dir.Path), d => Path.GetFileName(d).Contains("partial"));
    }

    [Fact]
    public void ChunkKeyEncodingsAreTheSpecs()
    {
        Assert.Equal("c/1/0/0", ChunkKeyEncoding.Default.Key(new[] { 1L, 0, 0 }));
        Assert.Equal("c.1.0.0", new ChunkKeyEncoding("default", '.').Key(new[] { 1L, 0, 0 }));
        Assert.Equal("c", ChunkKeyEncoding.Default.Key(Array.Empty<long>()));
        Assert.Equal("1.0.0", ChunkKeyEncoding.V2('.').Key(new[] { 1L, 0, 0 }));
        Assert.Equal("1/0/0", ChunkKeyEncoding.V2('/').Key(new[] { 1L, 0, 0 }));
        Assert.Equal("0", ChunkKeyEncoding.V2('.').Key(Array.Empty<long>()));
        Assert.Equal(ChunkKeyEncoding.V2('.'), ChunkKeyEncoding.FromJson(ChunkKeyEncoding.V2('.').ToJson(), "t"));
        Assert.Equal(ChunkKeyEncoding.Default, ChunkKeyEncoding.FromJson(System.Text.Json.Nodes.JsonNode.Parse("""{"name":"default"}"""), "t"));
        Assert.Throws<ZarrFormatException>(() => ChunkKeyEncoding.FromJson(System.Text.Json.Nodes.JsonNode.Parse("""{"name":"hilbert"}"""), "t"));
    }
}
