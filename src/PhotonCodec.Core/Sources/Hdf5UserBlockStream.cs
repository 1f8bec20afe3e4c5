using System;
using System.IO;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// Presents an HDF5 file with a user block (superblock at byte 512, 1024 …) the way PureHDF expects one without:
/// the superblock appears at position 0, while every other position is the file's own. HDF5 addresses are relative
/// to the superblock's base address, which PureHDF adds itself, so they land past the user block as they should.
/// </summary>
internal sealed class Hdf5UserBlockStream : Stream
{
    private readonly Stream inner;
    private readonly long userBlock;
    private long position;

    public Hdf5UserBlockStream(Stream inner, long userBlock)
    {
        this.inner = inner;
        this.userBlock = userBlock;
        Position = 0;
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    public override long Position
    {
        get => position;
        set
        {
            position = value;
            // The superblock is far smaller than the smallest user block (512 bytes): the two ranges never meet.
            inner.Position = value < userBlock ? value + userBlock : value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        Position = position + n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => inner.Length + offset,
        };
        return position;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
