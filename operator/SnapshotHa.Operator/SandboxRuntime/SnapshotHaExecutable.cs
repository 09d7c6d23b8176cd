namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>The command line that starts this very <c>snapshotha</c> build as a child process (for the sandbox's Job runner).</summary>
public static class SnapshotHaExecutable
{
    /// <summary>
    /// The environment variable naming a Native AOT <c>snapshotha</c> (operator/SnapshotHa.Native) that the sandbox's
    /// Job runner starts for merge Jobs instead of this build, as the container image does.
    /// </summary>
    public const string MergeBinaryVariable = "SNAPSHOTHA_MERGE_BINARY";

    /// <summary>
    /// Returns the command line the sandbox's Job runner starts for a Job's <c>snapshotha</c>:
    /// <paramref name="mergeBinary"/> (the value of <see cref="MergeBinaryVariable"/>) when set, else <see cref="CommandLine"/>.
    /// </summary>
    /// <param name="mergeBinary">The native binary, or null or empty for this build.</param>
    /// <returns>The executable and its leading arguments.</returns>
    /// <exception cref="FileNotFoundException"><paramref name="mergeBinary"/> does not exist.</exception>
    public static IReadOnlyList<string> JobCommandLine(string? mergeBinary)
    {
        if (string.IsNullOrEmpty(mergeBinary))
        {
            return CommandLine();
        }

        return File.Exists(mergeBinary)
            ? [Path.GetFullPath(mergeBinary)]
            : throw new FileNotFoundException($"{MergeBinaryVariable} names '{mergeBinary}', which does not exist.", mergeBinary);
    }

    /// <summary>
    /// Returns the running apphost when this process is <c>snapshotha</c> itself; otherwise the dotnet host (this
    /// process when it is <c>dotnet</c>, else <c>DOTNET_HOST_PATH</c>, else <c>dotnet</c> on PATH) followed by the
    /// path of <c>snapshotha.dll</c>.
    /// </summary>
    /// <returns>The executable and its leading arguments.</returns>
    public static IReadOnlyList<string> CommandLine()
    {
        var dll = typeof(SnapshotHaExecutable).Assembly.Location;
        var process = Environment.ProcessPath;
        var processName = process is null ? null : Path.GetFileNameWithoutExtension(process);
        if (processName == Path.GetFileNameWithoutExtension(dll))
        {
            return [process!];
        }

        var host = processName == "dotnet" ? process! : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return [host, dll];
    }
}
