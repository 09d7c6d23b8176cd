using System.CommandLine;
using SnapshotHa.Operator.Cli;
using SnapshotHa.Operator.SandboxRuntime;

namespace SnapshotHa.Operator.Tests.Cli;

public sealed class SandboxFaultCommandsTests
{
    [Theory]
    [InlineData("fail-host")]
    [InlineData("partition")]
    [InlineData("crash-vm")]
    public async Task Without_a_running_sandbox_the_fault_commands_exit_2_naming_the_state_file(string command)
    {
        var work = Directory.CreateTempSubdirectory("snapshotha-fault-cli-");
        try
        {
            var kubeconfig = Path.Combine(work.FullName, "none.kubeconfig");
            var error = new StringWriter();

            var code = await Root().Parse(["sandbox", command, "x", "--kubeconfig", kubeconfig])
                .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

            code.Should().Be(2);
            error.ToString().Should().Contain(SandboxState.PathFor(kubeconfig)).And.Contain("is a sandbox running");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_state_file_that_is_not_JSON_is_refused_with_exit_2_naming_it()
    {
        var work = Directory.CreateTempSubdirectory("snapshotha-fault-cli-");
        try
        {
            var kubeconfig = Path.Combine(work.FullName, "sandbox.kubeconfig");
            await File.WriteAllTextAsync(SandboxState.PathFor(kubeconfig), "not json");
            var error = new StringWriter();

            var code = await Root().Parse(["sandbox", "heal", "host-1", "--kubeconfig", kubeconfig])
                .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

            code.Should().Be(2);
            error.ToString().Should().Contain("is not a sandbox state file");
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
}
