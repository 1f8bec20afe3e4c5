using System;
using System.Collections.Generic;

namespace PhotonCodec.Core.Tests.Fuzzing;

/// <summary>A length, size or offset field of a seed: where the "extreme value" mutation writes.</summary>
public readonly record struct FuzzField(int Offset, int Width, bool BigEndian = false);

/// <summary>A valid input the fuzzer mutates, with the fields worth setting to extremes.</summary>
public sealed record FuzzSeed(string Name, byte[] Data, IReadOnlyList<FuzzField> Fields)
{
    public FuzzSeed(string name, byte[] data) : this(name, data, Array.Empty<FuzzField>()) { }
}
