using System;
using System.Collections.Generic;

namespace PhotonCodec.Core.Sources;

/// <summary>One channel (and plane) of an interleaved stack, as a movie of its own. Reads through the stack's source, which it does not own.</summary>
internal sealed class ChannelFrameSource : IFrameSource
{
    private readonly IFrameSource stack;
    private readonly StackLayout layout;
    private readonly int channel;
    private readonly int plane;
    private Dictionary<string, object?>? metadata;

    public ChannelFrameSource(IFrameSource stack, StackLayout layout, int channel, int plane)
    {
        this.stack = stack;
        this.layout = layout;
        this.channel = channel;
        this.plane = plane;
    }

    public string Description => stack.Description;
    public int FrameCount => layout.Frames;
    public int Height => stack.Height;
    public int Width => stack.Width;
    public PixelType PixelType => stack.PixelType;
    public int FrameBytes => stack.FrameBytes;

    public void ReadFrame(int index, Span<byte> destination)
    {
        if ((uint)index >= (uint)layout.Frames)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"frame index must be in 0..{layout.Frames - 1}.");
        stack.ReadFrame(layout.PageOf(channel, plane, index), destination);
    }

    /// <summary>The stack's provenance plus <c>channel</c>, <c>plane</c> and <c>stack_layout</c>.</summary>
    public IReadOnlyDictionary<string, object?> Metadata => metadata ??= Build();

    private Dictionary<string, object?> Build()
    {
        Dictionary<string, object?> m = MetadataCopy.Of(stack.Metadata);
        m["channel"] = (long)channel;
        m["plane"] = (long)plane;
        m["stack_layout"] = layout.Describe();
        return m;
    }

    public void Dispose()
    {
        // The stack belongs to the FrameSourceSet.
    }
}
