using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SnapshotHa.Sandbox.Simulator;

/// <summary>
/// The ESXi simulator launcher (tests/vcsim) as a child process: built on first use with
/// <c>hack/setup.d/20-vcsim.sh</c> (a no-op when up to date), started on a free loopback port with TLS, stopped and
/// its datastore removed on dispose.
/// </summary>
public sealed class SimulatorProcess : IAsyncDisposable
{
    private static readonly SemaphoreSlim BuildGate = new(1, 1);
    private static readonly Dictionary<string, string> Built = new(StringComparer.Ordinal);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Process _process;
    private readonly string _workDir;
    private readonly StringBuilder _stderr;

    private SimulatorProcess(Process process, string workDir, StringBuilder stderr, SimulatorReady ready)
    {
        _process = process;
        _workDir = workDir;
        _stderr = stderr;
        Ready = ready;
        Control = new SimulatorControlClient(new Uri(ready.ControlUrl), ready.Thumbprint);
    }

    /// <summary>Gets the ready line.</summary>
    public SimulatorReady Ready { get; }

    /// <summary>Gets the control API client.</summary>
    public SimulatorControlClient Control { get; }

    /// <summary>Gets the launcher's process id (to read its CPU time and memory).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Gets what the launcher logged so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Builds the launcher when needed and starts it with extra flags (e.g. <c>--tls --vms 2 --disks-per-vm 2 --disk-size 4MiB</c>; tests/vcsim/README.md lists them).</summary>
    /// <param name="repositoryRoot">The repository (holding tests/vcsim and hack/).</param>
    /// <param name="flags">Extra launcher flags.</param>
    /// <param name="cancellationToken">Cancels build and start.</param>
    /// <returns>The running simulator.</returns>
    /// <exception cref="InvalidOperationException">The build failed or the launcher exited before it was ready.</exception>
    public static async Task<SimulatorProcess> StartAsync(string repositoryRoot, IReadOnlyList<string> flags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var binary = await BuildAsync(repositoryRoot, cancellationToken);
        var workDir = Directory.CreateTempSubdirectory("snapshotha-vcsim-").FullName;
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--listen", "127.0.0.1:0", "--datastore-dir", workDir }.Concat(flags))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("vcsim-launcher did not start.");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"vcsim-launcher printed no ready line within 60 s: {stderr}");
        }

        if (line is null)
        {
            await process.WaitForExitAsync(CancellationToken.None);
            throw new InvalidOperationException($"vcsim-launcher exited with {process.ExitCode} before it was ready: {stderr}");
        }

        var ready = JsonSerializer.Deserialize<SimulatorReady>(line, Json) ?? throw new InvalidOperationException($"Ready line is not JSON: {line}");
        return new SimulatorProcess(process, workDir, stderr, ready);
    }

    /// <summary>Finds the repository root (the directory holding SnapshotHa.sln) above <paramref name="start"/>, or null.</summary>
    /// <param name="start">Where to start looking.</param>
    /// <returns>The root or null.</returns>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SnapshotHa.sln")) && Directory.Exists(Path.Combine(dir.FullName, "tests", "vcsim")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS temp directory is cleaned eventually.
        }
    }

    private static async Task<string> BuildAsync(string root, CancellationToken cancellationToken)
    {
        await BuildGate.WaitAsync(cancellationToken);
        try
        {
            // The build script is a no-op when the binary is current, but it still hashes the sources: once per process is enough.
            if (Built.TryGetValue(root, out var built))
            {
                return built;
            }

            var cache = Environment.GetEnvironmentVariable("SNAPSHOTHA_CACHE") is { Length: > 0 } c ? c : Path.Combine(root, "hack", ".cache");
            var build = new ProcessStartInfo("bash", [Path.Combine(root, "hack", "setup.d", "20-vcsim.sh")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            build.Environment["SNAPSHOTHA_ROOT"] = root;
            build.Environment["SNAPSHOTHA_CACHE"] = cache;
            using var process = Process.Start(build) ?? throw new InvalidOperationException("bash did not start.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Building vcsim-launcher failed ({process.ExitCode}): {await output}{await error}");
            }

            return Built[root] = Path.Combine(cache, "vcsim", "vcsim-launcher");
        }
        finally
        {
            BuildGate.Release();
        }
    }
}
