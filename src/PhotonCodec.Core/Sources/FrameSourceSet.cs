using System;
using System.Collections.Generic;

namespace PhotonCodec.Core.Sources;

/// <summary>
/// What one input yields: one movie, or one movie per channel of a multi-channel stack (never flattened into one).
/// Disposing it closes every source and the files under them.
/// </summary>
public sealed class FrameSourceSet : IDisposable
{
    private readonly IReadOnlyList<IDisposable> owned;

    internal FrameSourceSet(IReadOnlyList<IFrameSource> sources, IReadOnlyList<int> channels, IReadOnlyList<IDisposable> owned)
    {
        if (sources.Count == 0 || sources.Count != channels.Count) throw new ArgumentException("one channel number per source is needed.", nameof(channels));
        Sources = sources;
        Channels = channels;
        this.owned = owned;
    }

    /// <summary>A set of one source (it is disposed with the set).</summary>
    public static FrameSourceSet Of(IFrameSource source) => new(new[] { source }, new[] { 0 }, new IDisposable[] { source });

    /// <summary>One source per channel, in channel order.</summary>
    public IReadOnlyList<IFrameSource> Sources { get; }

    /// <summary>The stack's channel number of each source.</summary>
    public IReadOnlyList<int> Channels { get; }

    /// <summary>True when several channels are to be written as a group (c0/, c1/ …).</summary>
    public bool IsGroup => Sources.Count > 1;

    /// <summary>The only source; throws for a group.</summary>
    public IFrameSource Source => IsGroup
        ? throw new InvalidOperationException($"'{Sources[0].Description}' holds {Sources.Count} channels; choose one with -Channel.")
        : Sources[0];

    public void Dispose()
    {
        for (int i = owned.Count - 1; i >= 0; i--) owned[i].Dispose();
    }
}
