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
}
