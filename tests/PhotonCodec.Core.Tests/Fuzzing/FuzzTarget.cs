using System;
using System.Collections.Generic;
using System.Linq;

namespace PhotonCodec.Core.Tests.Fuzzing;

/// <summary>
/// One parser under fuzz: its seeds, how one input is fed to it (through the public entry point a reader uses), and the
/// exception types it documents for bad input. Any other exception escaping <see cref="Run"/> is a failure.
/// </summary>
public sealed class FuzzTarget
{
    public required string Name { get; init; }

    public required IReadOnlyList<FuzzSeed> Seeds { get; init; }

    /// <summary>Feeds one input to the parser (and on success uses the result as a reader would).</summary>
    public required Action<byte[]> Run { get; init; }

    /// <summary>Exception types (and their subclasses) that may escape <see cref="Run"/>.</summary>
    public required IReadOnlyList<Type> Allowed { get; init; }

    /// <summary>Cases run by the suite by default (sized from measured cases/s; see the README's Reliability table).</summary>
    public required int DefaultCases { get; init; }

    /// <summary>How far into the input the "random header bytes" and unlisted extreme-field mutations reach.</summary>
    public int HeaderSpan { get; init; } = 64;

    /// <summary>
    /// Bytes a case may allocate per input byte, over a fixed 64 MiB. 64 unless the format itself justifies more
    /// (a zstd stream legitimately expands 32768-fold).
    /// </summary>
    public long AllocationPerInputByte { get; init; } = 64;

    /// <summary>Bytes a case may allocate on top of the per-byte bound, for a library's known transient buffer (HDF5 only).</summary>
    public long AllocationAllowance { get; init; }

    /// <summary>The input is JSON text: token and member mutations apply too.</summary>
    public bool Json { get; init; }

    public bool IsAllowed(Exception e) => Allowed.Any(t => t.IsInstanceOfType(e));
}

/// <summary>Thrown by a target when the parser accepted an input whose claimed sizes the input cannot justify.</summary>
public sealed class UnjustifiedSizeException : Exception
{
    public UnjustifiedSizeException(string message) : base(message) { }
}
