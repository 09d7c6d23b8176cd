namespace SnapshotHa.Fuzz.Targets;

/// <summary>One parser under fuzzing: expected failures are caught inside, anything else escapes as a crash.</summary>
public interface IFuzzTarget
{
    /// <summary>Gets the name selected on the command line.</summary>
    string Name { get; }

    /// <summary>Runs the parser on <paramref name="input"/>.</summary>
    void Run(ReadOnlySpan<byte> input);

    /// <summary>Returns small valid inputs, by file name, to seed the fuzzer.</summary>
    IReadOnlyDictionary<string, byte[]> Seeds();
}
