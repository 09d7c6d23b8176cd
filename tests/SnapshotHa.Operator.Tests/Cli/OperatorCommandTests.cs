using System.CommandLine;
using SnapshotHa.Operator.Cli;

namespace SnapshotHa.Operator.Tests.Cli;

public sealed class OperatorCommandTests
{
    [Fact]
    public async Task A_negative_pruned_images_kept_is_refused_with_a_usage_error_naming_the_option()
    {
        var error = new StringWriter();
        var code = await CliApplication.RunAsync(
            ["operator", "--kubeconfig", "unused", "--pruned-images-kept", "-1"],
            new InvocationConfiguration { Output = new StringWriter(), Error = error });

        code.Should().Be(CliApplication.UsageErrorExitCode, "usage errors exit 2 like every other bad input");
        error.ToString().Should().Contain("--pruned-images-kept");
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0s")]
    public async Task A_bad_retry_delay_exits_2_naming_the_option(string value)
    {
        var error = new StringWriter();
        var root = new RootCommand();
        root.Subcommands.Add(OperatorCommand.Create());

        var code = await root.Parse(["operator", "--kubeconfig", "unused", "--retry-delay", value])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        code.Should().Be(2);
        error.ToString().Should().Contain("--retry-delay");
    }
}
