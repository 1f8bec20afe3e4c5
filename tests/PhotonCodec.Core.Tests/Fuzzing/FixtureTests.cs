using System.Collections.Generic;
using System.IO;
using System.Linq;
using PhotonCodec.Core.Tests.Support;

namespace PhotonCodec.Core.Tests.Fuzzing;

/// <summary>
/// Every input the fuzzer ever broke a parser with, kept under Fuzzing/Fixtures/&lt;target&gt;/: each must now be
/// accepted or rejected with a documented exception, in bounded time and memory.
/// </summary>
public sealed class FixtureTests
{
    public static string Folder => Path.Combine(RepoPaths.Root(), "tests", "PhotonCodec.Core.Tests", "Fuzzing", "Fixtures");

    public static IEnumerable<object[]> Fixtures() =>
        Directory.GetDirectories(Folder).OrderBy(d => d, System.StringComparer.Ordinal)
            .SelectMany(d => Directory.GetFiles(d).OrderBy(f => f, System.StringComparer.Ordinal)
                .Select(f => new object[] { Path.GetFileName(d), Path.GetFileName(f) }));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_is_handled(string target, string file)
    {
        FuzzTarget t = FuzzTargets.ByName(target);
        byte[] input = File.ReadAllBytes(Path.Combine(Folder, target, file));
        string? problem = FuzzHarness.Check(t, input, out _, out _, out _);
        Assert.True(problem is null, $"{target}/{file}: {problem}");
    }
}
