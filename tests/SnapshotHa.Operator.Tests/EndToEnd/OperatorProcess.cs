using System.Diagnostics;
using System.Globalization;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// <c>snapshotha operator</c> as a child process (the executable built next to the tests) against the sandbox's API
/// server through a kubeconfig, configured like the Helm chart does (environment variables), logging to a file.
/// <see cref="KillAsync"/> ends it with SIGKILL, as when a node dies or the OOM killer strikes.
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private OperatorProcess(Process process, string logPath)
    {
        _process = process;
        LogPath = logPath;
    }

    /// <summary>Gets the file the process's stdout and stderr go to.</summary>
    public string LogPath { get; }

    /// <summary>Starts the operator.</summary>
    /// <param name="kubeconfig">The API server's kubeconfig.</param>
    /// <param name="repositoryRoot">The directory of the repository volumes.</param>
    /// <param name="name">The instance name (POD_NAME) and log file stem.</param>
    /// <param name="logDirectory">Where the log file goes.</param>
    public static OperatorProcess Start(string kubeconfig, string repositoryRoot, string name, string logDirectory)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "snapshotha");
        var start = File.Exists(apphost)
            ? new ProcessStartInfo(apphost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "snapshotha.dll") } };
        foreach (var argument in new[]
        {
            "operator", "--kubeconfig", kubeconfig, "--repository-root", repositoryRoot,
            "--health-listen", "http://127.0.0.1:0", "--retry-delay", "500ms", "--pruned-images-kept", "100",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["POD_NAME"] = name;
        start.Environment["POD_NAMESPACE"] = "default";
        start.Environment["SNAPSHOTHA_LEADER_ELECTION"] = "false";
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var logPath = Path.Combine(logDirectory, $"{name}.log");
        var log = TextWriter.Synchronized(new StreamWriter(logPath, append: false) { AutoFlush = true });
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => log.Dispose();
        if (!process.Start())
        {
            throw new InvalidOperationException($"{start.FileName} did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new OperatorProcess(process, logPath);
    }

    /// <summary>Gets the process id.</summary>
    public int Id => _process.Id;

    /// <summary>Sends SIGKILL and waits until the process is gone.</summary>
    /// <returns>A task that completes when the process exited.</returns>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Returns the last lines of the log, for failure messages.</summary>
    /// <param name="lines">How many lines.</param>
    public string LogTail(int lines)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return string.Create(CultureInfo.InvariantCulture, $"(log {LogPath} unreadable: {e.Message})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static void Write(TextWriter log, string? line)
    {
        if (line is not null)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The last lines after the exit was seen.
            }
        }
    }
}
