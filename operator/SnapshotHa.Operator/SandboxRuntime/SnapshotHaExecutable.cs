namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>The command line that starts this very <c>snapshotha</c> build as a child process (for the sandbox's Job runner).</summary>
public static class SnapshotHaExecutable
{
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
