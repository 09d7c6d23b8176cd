using k8s;
using Microsoft.Extensions.Logging;
using SnapshotHa.Sandbox.Jobs;

namespace SnapshotHa.Operator.SandboxRuntime;

/// <summary>
/// Starts the sandbox's local Job runner for executor Job: claims map to folders of the sandbox's data directory
/// (the operator's repository root), <c>snapshotha</c> to this build (or the native one named by
/// <see cref="SnapshotHaExecutable.MergeBinaryVariable"/>), logs and emptyDirs go to <c>&lt;data&gt;/.jobs</c>.
/// </summary>
public static class SandboxJobRunner
{
    /// <summary>The folder of the data directory that holds Job logs and emptyDir volumes.</summary>
    public const string WorkFolder = ".jobs";

    /// <summary>Creates and starts the runner.</summary>
    /// <param name="options">The sandbox settings.</param>
    /// <param name="kubernetes">The sandbox API server's client.</param>
    /// <param name="loggerFactory">Receives the runner's logs; null for none.</param>
    /// <returns>The running runner; the caller disposes it.</returns>
    public static LocalJobRunner Start(SandboxOptions options, IKubernetes kubernetes, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var runner = new LocalJobRunner(
            kubernetes,
            new LocalJobRunnerOptions
            {
                ClaimRoot = options.DataDirectory,
                WorkDirectory = Path.Combine(options.DataDirectory, WorkFolder),
                Commands = new Dictionary<string, IReadOnlyList<string>>
                {
                    ["snapshotha"] = SnapshotHaExecutable.JobCommandLine(Environment.GetEnvironmentVariable(SnapshotHaExecutable.MergeBinaryVariable)),
                },
            },
            TimeProvider.System,
            loggerFactory?.CreateLogger<LocalJobRunner>());
        runner.Start();
        return runner;
    }
}
