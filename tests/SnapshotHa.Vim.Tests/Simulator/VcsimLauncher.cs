using System.Diagnostics;
using System.Text.Json;

namespace SnapshotHa.Vim.Tests.Simulator;

/// <summary>
/// Builds (hack/setup.d/20-vcsim.sh, a no-op when up to date) and starts the ESXi simulator launcher of tests/vcsim,
/// reads its JSON ready line, and stops it (its datastore directory lives in a temporary directory removed here).
/// A missing Go toolchain or govmomi makes the build, and so the test, fail.
/// </summary>
public sealed class VcsimLauncher : IAsyncDisposable
{
    private static readonly SemaphoreSlim BuildGate = new(1, 1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static string? _builtPath;
    private readonly Process _process;
    private readonly string _workDir;

    private VcsimLauncher(Process process, string workDir, VcsimReady ready)
    {
        _process = process;
        _workDir = workDir;
        Ready = ready;
        Control = new SimulatorControl(new Uri(ready.ControlUrl), ready.Thumbprint);
    }

    public VcsimReady Ready { get; }

    public SimulatorControl Control { get; }

    public string StandardError { get; private set; } = "";

    /// <summary>Starts a launcher with extra flags, e.g. <c>--tls</c>, <c>--disk-size 4MiB</c>.</summary>
    public static async Task<VcsimLauncher> StartAsync(params string[] flags)
    {
        var binary = await BuildAsync();
        var workDir = Directory.CreateTempSubdirectory("snapshotha-vcsim-").FullName;
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--listen", "127.0.0.1:0", "--datastore-dir", workDir }.Concat(flags))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("vcsim-launcher did not start.");
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"vcsim-launcher printed no ready line within 60 s: {stderr}");
        }

        if (line is null)
        {
            await process.WaitForExitAsync();
            throw new InvalidOperationException($"vcsim-launcher exited with {process.ExitCode} before ready: {stderr}");
        }

        var ready = JsonSerializer.Deserialize<VcsimReady>(line, Json)
            ?? throw new InvalidOperationException($"Ready line is not JSON: {line}");
        return new VcsimLauncher(process, workDir, ready);
    }

    /// <summary>Connection options for the launcher's credentials (thumbprint pinned when TLS is on).</summary>
    public VimConnectionOptions Options(string? password = null) => new()
    {
        Url = new Uri(Ready.SdkUrl),
        Username = Ready.Username,
        Password = password ?? Ready.Password,
        Thumbprint = Ready.Thumbprint,
        Timeout = TimeSpan.FromSeconds(20),
        TaskTimeout = TimeSpan.FromSeconds(60),
        RetryDelay = TimeSpan.FromMilliseconds(20),
        UpdateWaitTime = TimeSpan.FromSeconds(2),
        DatacenterPath = Ready.DatacenterPath,
    };

    public Task<VimClient> ConnectAsync() => VimClient.ConnectAsync(Options(), null, null, CancellationToken.None);

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

    private static async Task<string> BuildAsync()
    {
        await BuildGate.WaitAsync();
        try
        {
            if (_builtPath is not null)
            {
                return _builtPath;
            }

            var root = RepositoryRoot.Find();
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
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Building vcsim-launcher failed ({process.ExitCode}): {await output}{await error}");
            }

            _builtPath = Path.Combine(cache, "vcsim", "vcsim-launcher");
            return _builtPath;
        }
        finally
        {
            BuildGate.Release();
        }
    }
}
