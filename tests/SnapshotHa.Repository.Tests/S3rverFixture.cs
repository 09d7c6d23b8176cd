using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;

namespace SnapshotHa.Repository.Tests;

/// <summary>
/// Runs s3rver 3.7.1 (installed by hack/setup.d/40-s3rver.sh) on 127.0.0.1 for one test class. Started as
/// <c>node …/s3rver.js</c> directly (no npm wrapper), so stopping it is one kill by PID.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string AccessKey = "S3RVER";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "snapshotha-s3rver-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public string Endpoint { get; private set; } = string.Empty;

    public AmazonS3Client CreateClient() => new(
        new BasicAWSCredentials(AccessKey, AccessKey),
        new AmazonS3Config
        {
            ServiceURL = Endpoint,
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    public async Task InitializeAsync()
    {
        var script = Path.Combine(CacheDirectory(), "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"s3rver is not installed at {script}: run hack/setup.sh (hack/setup.d/40-s3rver.sh).");
        }

        Directory.CreateDirectory(_data);
        var port = FreePort();
        Endpoint = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { script, "-d", _data, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-s" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return;
            }
            catch (SocketException) when (!_process.HasExited)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    private static string CacheDirectory()
    {
        if (Environment.GetEnvironmentVariable("SNAPSHOTHA_CACHE") is { Length: > 0 } cache)
        {
            return cache;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SnapshotHa.sln")))
            {
                return Path.Combine(directory.FullName, "hack", ".cache");
            }
        }

        throw new InvalidOperationException("Could not find the repository root (SnapshotHa.sln) to locate hack/.cache.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
