using System.CommandLine;

namespace SnapshotHa.Native.Tests;

public sealed class NativeCliTests
{
    [Fact]
    public void The_root_holds_exactly_the_in_process_commands() =>
        NativeCli.CreateRoot().Subcommands.Select(c => c.Name).Should().BeEquivalentTo(FrontDispatch.InProcessCommands);

    [Fact]
    public async Task A_parse_error_exits_2_with_the_usage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await NativeCli.RunAsync(["merge", "--no-such-option"], new InvocationConfiguration { Output = output, Error = error });

        code.Should().Be(2);
        error.ToString().Should().Contain("--no-such-option");
    }

    [Fact]
    public async Task A_bad_disk_argument_exits_2_naming_it()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var repository = Path.Combine(Path.GetTempPath(), $"snapshotha-native-{Guid.NewGuid():N}");

        var code = await NativeCli.RunAsync(
            ["merge", "--repo", repository, "--series", "s", "--disk", "no-key"], new InvocationConfiguration { Output = output, Error = error });

        code.Should().Be(2);
        error.ToString().Should().Contain("--disk 'no-key' is not KEY=LAYER");
        output.ToString().Should().BeEmpty();
    }
}
