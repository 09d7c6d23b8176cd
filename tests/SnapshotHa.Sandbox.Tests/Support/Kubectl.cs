using System.Diagnostics;

namespace SnapshotHa.Sandbox.Tests.Support;

/// <summary>Runs the real kubectl binary against a kubeconfig, with its own HOME and discovery cache.</summary>
public sealed class Kubectl(string kubeconfig, string workDirectory)
{
    private readonly string _binary = RepositoryPaths.Kubectl();

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public async Task<Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workDirectory,
        };
        foreach (var arg in new[] { "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(workDirectory, "cache") }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = workDirectory;
        start.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within 60 s");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and fails the test with its stderr unless it exits 0; returns stdout.</summary>
    public async Task<string> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        result.ExitCode.Should().Be(0, $"kubectl {string.Join(' ', args)} failed: {result.Stderr}");
        return result.Stdout;
    }
}
