namespace PhotonCodec.Core.Pipeline.Migration;

/// <summary>Chunks (shards) <see cref="First"/> … <see cref="First"/> + <see cref="Count"/> − 1 of an array: one part of a split movie.</summary>
public readonly record struct ChunkRange(long First, long Count);
