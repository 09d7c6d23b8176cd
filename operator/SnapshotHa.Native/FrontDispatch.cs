namespace SnapshotHa.Native;

/// <summary>Which executable runs a <c>snapshotha</c> command line.</summary>
public static class FrontDispatch
{
    /// <summary>The environment variable naming the managed operator executable.</summary>
    public const string OperatorVariable = "SNAPSHOTHA_OPERATOR";

    /// <summary>The commands this binary runs itself; everything else belongs to the managed operator.</summary>
    public static IReadOnlySet<string> InProcessCommands { get; } = new HashSet<string>(StringComparer.Ordinal) { "merge", "repo" };

    private static readonly HashSet<string> HelpOptions = new(StringComparer.Ordinal) { "--help", "-h", "-?", "/?", "/h" };

    /// <summary>Decides who runs <paramref name="args"/>.</summary>
    /// <param name="args">The command-line arguments (without the program name).</param>
    /// <param name="operatorExists">Whether the managed operator executable exists.</param>
    /// <returns>
    /// <see cref="FrontRoute.InProcess"/> for <c>merge</c>, <c>repo</c> and <c>--version</c>, and for the top-level
    /// help or no arguments when the operator is missing (the usage then lists only the commands of this binary);
    /// <see cref="FrontRoute.Operator"/> for any other command line when the operator exists, including the top-level
    /// help (which lists every command) and no arguments; otherwise <see cref="FrontRoute.OperatorMissing"/>.
    /// </returns>
    public static FrontRoute Decide(IReadOnlyList<string> args, bool operatorExists)
    {
        ArgumentNullException.ThrowIfNull(args);
        var first = args.Count > 0 ? args[0] : null;
        if (first is not null && (InProcessCommands.Contains(first) || first == "--version"))
        {
            return FrontRoute.InProcess;
        }

        if (operatorExists)
        {
            return FrontRoute.Operator;
        }

        return first is null || HelpOptions.Contains(first) ? FrontRoute.InProcess : FrontRoute.OperatorMissing;
    }

    /// <summary>
    /// Returns the managed operator executable: <paramref name="configured"/> (<c>$SNAPSHOTHA_OPERATOR</c>) when set,
    /// else <c>operator/snapshotha</c> in the directory of <paramref name="processPath"/> (this binary).
    /// </summary>
    /// <param name="configured">The value of <see cref="OperatorVariable"/>, or null.</param>
    /// <param name="processPath">The path of this executable.</param>
    public static string OperatorPath(string? configured, string processPath)
    {
        ArgumentNullException.ThrowIfNull(processPath);
        return string.IsNullOrEmpty(configured)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(processPath)) ?? "/", "operator", "snapshotha")
            : configured;
    }
}
