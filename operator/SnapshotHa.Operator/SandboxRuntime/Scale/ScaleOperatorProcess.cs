using System.Diagnostics;

namespace SnapshotHa.Operator.SandboxRuntime.Scale;

/// <summary>
/// The scale benchmark's operator replica as its own process: this build's <c>snapshotha operator</c> against the
/// sandbox's API server through a kubeconfig, with the product's defaults (failure and standby checks every 2 s, idle
/// requeue 5 min, 4 reconcile workers), no leader election, its output in a log file. Its CPU and memory are then the
/// operator's alone, apart from the API server and the simulator.
/// </summary>
public sealed class ScaleOperatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ScaleOperatorProcess(Process process, string logPath)
    {
        _process = process;
        LogPath = logPath;
    }

    /// <summary>Gets the process id.</summary>
    public int Id => _process.Id;

    /// <summary>Gets the file that receives the process's stdout and stderr.</summary>
    public string LogPath { get; }

    /// <summary>Gets whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the operator.</summary>
    /// <param name="kubeconfig">The API server's kubeconfig.</param>
    /// <param name="repositoryRoot">The directory of the repository volumes.</param>
    /// <param name="metricsPort">The loopback port of <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>.</param>
    /// <param name="logPath">Where the output goes.</param>
    /// <returns>The running process.</returns>
    /// <exception cref="InvalidOperationException">The process did not start.</exception>
    public static ScaleOperatorProcess Start(string kubeconfig, string repositoryRoot, int metricsPort, string logPath)
    {
        // The shell redirects the output to the file, so that no pipe of this process reads (and is charged for) it.
        var start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "exec \"$@\" >\"$0\" 2>&1", logPath } };
        foreach (var argument in SnapshotHaExecutable.CommandLine().Concat(
        [
            "operator", "--kubeconfig", kubeconfig, "--repository-root", repositoryRoot,
            "--health-listen", $"http://127.0.0.1:{metricsPort}", "--retry-delay", "500ms", "--pruned-images-kept", "1",
        ]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["POD_NAME"] = "snapshotha-scale";
        start.Environment["POD_NAMESPACE"] = "default";
        start.Environment["SNAPSHOTHA_LEADER_ELECTION"] = "false";
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        return new ScaleOperatorProcess(process, logPath);
    }

    /// <summary>Waits until <paramref name="url"/> answers (the operator listens), or the process exits.</summary>
    /// <param name="http">The HTTP client.</param>
    /// <param name="url">The operator's <c>/metrics</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the operator answers.</returns>
    /// <exception cref="InvalidOperationException">The process exited.</exception>
    public async Task WaitUntilListeningAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"snapshotha operator exited with {_process.ExitCode}; see {LogPath}");
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
    }
}
