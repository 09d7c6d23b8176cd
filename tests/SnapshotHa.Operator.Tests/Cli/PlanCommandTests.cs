using System.CommandLine;
using SnapshotHa.Operator.Cli;

namespace SnapshotHa.Operator.Tests.Cli;

public class PlanCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(PlanCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var code = root.Parse(["plan", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Reproduces_the_papers_first_example()
    {
        var (code, output, _) = Run("--snapshot-time", "5s", "--budget", "1%");

        code.Should().Be(0);
        output.Should().MatchRegex(@"Minimum interval\s+8m20s");
    }

    [Fact]
    public void Reproduces_the_papers_second_example()
    {
        var (code, output, _) = Run("--snapshot-time", "60s", "--budget", "8%-10%");

        code.Should().Be(0);
        output.Should().MatchRegex(@"Minimum interval\s+10m0s - 12m30s");
    }

    [Fact]
    public void Bad_input_names_the_option()
    {
        var (code, _, error) = Run("--snapshot-time", "five");

        code.Should().Be(2);
        error.Should().Contain("--snapshot-time");
    }
}
