using System.Text;
using k8s;
using k8s.Models;
using SnapshotHa.Sandbox.Jobs;
using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.Jobs;

/// <summary>The local Job runner against the in-process API server, with shell commands as containers.</summary>
public sealed class LocalJobRunnerTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("snapshotha-jobs-");
    private ServerScope _scope = null!;
    private LocalJobRunner _runner = null!;

    private string ClaimRoot => Path.Combine(_work.FullName, "claims");

    public async Task InitializeAsync()
    {
        _scope = await ServerScope.StartAsync();
        _runner = new LocalJobRunner(
            _scope.Client,
            new LocalJobRunnerOptions
            {
                ClaimRoot = ClaimRoot,
                WorkDirectory = Path.Combine(_work.FullName, "work"),
                Commands = new Dictionary<string, IReadOnlyList<string>> { ["greet"] = ["/bin/sh", "-c"] },
                RetryBackoff = TimeSpan.FromMilliseconds(50),
                ResyncInterval = TimeSpan.FromMilliseconds(500),
            },
            TimeProvider.System,
            null);
        _runner.Start();
    }

    public async Task DisposeAsync()
    {
        await _runner.DisposeAsync();
        await _scope.DisposeAsync();
        _work.Delete(recursive: true);
    }

    [Fact]
    public async Task A_failing_command_is_retried_backoffLimit_times_then_the_Job_fails()
    {
        await CreateAsync(Job("always-fails", ["/bin/sh", "-c", "echo attempt; exit 3"], backoffLimit: 2));

        var job = await WaitFinishedAsync("always-fails");

        job.Status.Failed.Should().Be(3, "one first attempt and backoffLimit=2 retries");
        job.Status.Succeeded.Should().BeNull();
        var failed = job.Status.Conditions.Should().ContainSingle(c => c.Type == "Failed").Subject;
        failed.Status.Should().Be("True");
        failed.Reason.Should().Be("BackoffLimitExceeded");
        job.Status.StartTime.Should().NotBeNull();
        job.Status.CompletionTime.Should().BeNull("a failed Job has no completion time");
        (await File.ReadAllLinesAsync(_runner.LogPath("default", "always-fails"))).Count(l => l == "attempt").Should().Be(3);
    }

    [Fact]
    public async Task A_succeeding_command_completes_with_secret_env_and_mapped_claim_paths()
    {
        await _scope.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = "greeting" },
                Data = new Dictionary<string, byte[]> { ["text"] = Encoding.UTF8.GetBytes("hello from a secret") },
            },
            "default");
        var job = Job("writes", ["greet", "printf '%s' \"$GREETING\" > \"$1\"", "sh", "/data/out/greeting.txt"], backoffLimit: 0);
        var container = job.Spec.Template.Spec.Containers[0];
        container.Env = [new V1EnvVar { Name = "GREETING", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "greeting", Key = "text" } } }];
        container.VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/data" }];
        job.Spec.Template.Spec.Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "shared" } }];
        Directory.CreateDirectory(Path.Combine(ClaimRoot, "shared", "out"));
        await CreateAsync(job);

        var done = await WaitFinishedAsync("writes");

        done.Status.Conditions.Should().ContainSingle(c => c.Type == "Complete" && c.Status == "True");
        done.Status.Succeeded.Should().Be(1);
        done.Status.CompletionTime.Should().NotBeNull();
        (await File.ReadAllTextAsync(Path.Combine(ClaimRoot, "shared", "out", "greeting.txt"))).Should().Be("hello from a secret");
        _runner.Started.Should().ContainSingle(r => r.Name == "writes");

        var kubeconfig = Path.Combine(_work.FullName, "kubeconfig");
        await _scope.Server.WriteKubeconfigAsync(kubeconfig, CancellationToken.None);
        var kubectlHome = Directory.CreateDirectory(Path.Combine(_work.FullName, "kubectl")).FullName;
        var listed = await new Support.Kubectl(kubeconfig, kubectlHome).RunAsync("get", "jobs", "-o", "jsonpath={.items[*].metadata.name}={.items[*].status.succeeded}");
        listed.ExitCode.Should().Be(0, listed.Stderr);
        listed.Stdout.Should().Be("writes=1", "the real kubectl reads the Job and its status");
    }

    [Fact]
    public async Task A_command_running_past_activeDeadlineSeconds_is_killed_and_the_Job_fails()
    {
        var job = Job("too-slow", ["/bin/sh", "-c", "sleep 60"], backoffLimit: 3);
        job.Spec.ActiveDeadlineSeconds = 1;
        await CreateAsync(job);

        var done = await WaitFinishedAsync("too-slow");

        done.Status.Conditions.Should().ContainSingle(c => c.Type == "Failed" && c.Reason == "DeadlineExceeded");
    }

    [Fact]
    public async Task A_finished_Job_is_deleted_when_ttlSecondsAfterFinished_expires()
    {
        var job = Job("short-lived", ["/bin/sh", "-c", "true"], backoffLimit: 0);
        job.Spec.TtlSecondsAfterFinished = 0;
        await CreateAsync(job);

        await WaitUntilAsync(async () => (await _scope.Client.BatchV1.ListNamespacedJobAsync("default")).Items.All(j => j.Metadata.Name != "short-lived") && _runner.Started.Any(r => r.Name == "short-lived"));

        _runner.Started.Should().ContainSingle(r => r.Name == "short-lived");
    }

    [Fact]
    public async Task Deleting_a_running_Job_kills_its_process()
    {
        var job = Job("deleted-while-running", ["/bin/sh", "-c", "echo $$ > \"$1\"; exec sleep 60", "sh", "/data/pid"], backoffLimit: 0);
        job.Spec.Template.Spec.Containers[0].VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/data" }];
        job.Spec.Template.Spec.Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "pids" } }];
        await CreateAsync(job);
        var pidFile = Path.Combine(ClaimRoot, "pids", "pid");
        await WaitUntilAsync(() => Task.FromResult(File.Exists(pidFile) && new FileInfo(pidFile).Length > 0));
        var pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Directory.Exists($"/proc/{pid}").Should().BeTrue("the Job's process runs");

        await _scope.Client.BatchV1.DeleteNamespacedJobAsync("deleted-while-running", "default");

        await WaitUntilAsync(() => Task.FromResult(!Directory.Exists($"/proc/{pid}")));
    }

    private static V1Job Job(string name, IList<string> command, int backoffLimit) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1JobSpec
        {
            BackoffLimit = backoffLimit,
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "main", Image = "busybox", Command = command }] },
            },
        },
    };

    private Task<V1Job> CreateAsync(V1Job job) => _scope.Client.BatchV1.CreateNamespacedJobAsync(job, "default");

    private async Task<V1Job> WaitFinishedAsync(string name)
    {
        V1Job? job = null;
        await WaitUntilAsync(async () =>
        {
            job = await _scope.Client.BatchV1.ReadNamespacedJobAsync(name, "default");
            return job.Status?.Conditions?.Any(c => c.Type is "Complete" or "Failed") == true;
        });
        return job!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (!await condition())
        {
            await Task.Delay(100, deadline.Token);
        }
    }
}
