using System.CommandLine;
using System.Text.RegularExpressions;
using k8s;
using SnapshotHa.Operator.Cli;

namespace SnapshotHa.Operator.Tests.Cli;

public sealed partial class SandboxCommandTests
{
    [Theory]
    [InlineData("--for", "soon", "--for")]
    [InlineData("--vms", "0", "--vms")]
    [InlineData("--disks-per-vm", "9", "--disks-per-vm")]
    [InlineData("--metrics-port", "0", "--metrics-port")]
    [InlineData("--executor", "Elsewhere", "--executor")]
    public async Task Full_sandbox_refuses_bad_options_with_exit_2_naming_the_option(string option, string value, string named)
    {
        var error = new StringWriter();

        var code = await Root().Parse(["sandbox", "--kubeconfig", "unused", option, value]).InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        code.Should().Be(2);
        error.ToString().Should().Contain(named);
    }

    [Fact]
    public async Task Api_only_serves_the_repository_CRDs_writes_a_kubeconfig_and_exits_0_when_stopped()
    {
        var work = Directory.CreateTempSubdirectory("snapshotha-sandbox-cli-");
        var kubeconfig = Path.Combine(work.FullName, "kubeconfig");
        var output = new ReadyWriter();
        using var stop = new CancellationTokenSource();
        try
        {
            var run = Root().Parse(["sandbox", "--api-only", "--kubeconfig", kubeconfig])
                .InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() }, stop.Token);

            var line = await output.Ready.WaitAsync(TimeSpan.FromSeconds(30));
            line.Should().MatchRegex(@"^sandbox API server ready at http://127\.0\.0\.1:[0-9]+; kubeconfig written to .+kubeconfig$");
            var config = await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(kubeconfig));
            using var client = new Kubernetes(config);
            var groups = await client.Apis.GetAPIVersionsAsync();
            groups.Groups.Should().Contain(g => g.Name == "snapshotha.io");
            config.Host.Should().Be(ReadyAddress().Match(line).Groups[1].Value);

            await stop.CancelAsync();
            (await run.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static RootCommand Root()
    {
        var root = new RootCommand();
        root.Subcommands.Add(SandboxCommand.Create());
        return root;
    }

    [GeneratedRegex("ready at (http://[^;]+);")]
    private static partial Regex ReadyAddress();

    private sealed class ReadyWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> Ready => _ready.Task;

        public override Task WriteLineAsync(string? value)
        {
            _ready.TrySetResult(value ?? string.Empty);
            return base.WriteLineAsync(value);
        }
    }
}
