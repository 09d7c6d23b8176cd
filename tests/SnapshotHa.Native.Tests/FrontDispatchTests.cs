namespace SnapshotHa.Native.Tests;

public sealed class FrontDispatchTests
{
    [Theory]
    [InlineData("merge", true)]
    [InlineData("merge", false)]
    [InlineData("repo", true)]
    [InlineData("repo", false)]
    [InlineData("--version", true)]
    [InlineData("--version", false)]
    public void Merge_repo_and_version_run_in_process_whether_or_not_the_operator_exists(string first, bool operatorExists) =>
        FrontDispatch.Decide([first, "--repo", "/r"], operatorExists).Should().Be(FrontRoute.InProcess);

    [Theory]
    [InlineData("operator")]
    [InlineData("sandbox")]
    [InlineData("manifests")]
    [InlineData("plan")]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("Merge")]
    [InlineData("mergex")]
    public void Every_other_command_line_goes_to_the_operator(string first) =>
        FrontDispatch.Decide([first, "--help"], operatorExists: true).Should().Be(FrontRoute.Operator);

    [Fact]
    public void No_arguments_go_to_the_operator_whose_usage_lists_every_command() =>
        FrontDispatch.Decide([], operatorExists: true).Should().Be(FrontRoute.Operator);

    [Theory]
    [InlineData("operator")]
    [InlineData("manifests")]
    [InlineData("[suggest]")]
    public void An_operator_command_without_the_operator_is_reported_missing(string first) =>
        FrontDispatch.Decide([first], operatorExists: false).Should().Be(FrontRoute.OperatorMissing);

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("-?")]
    public void Without_the_operator_the_usage_comes_from_this_binary(params string[] args) =>
        FrontDispatch.Decide(args, operatorExists: false).Should().Be(FrontRoute.InProcess);

    [Fact]
    public void The_operator_is_beside_this_binary_unless_configured()
    {
        FrontDispatch.OperatorPath(null, "/app/snapshotha").Should().Be("/app/operator/snapshotha");
        FrontDispatch.OperatorPath(string.Empty, "/opt/bin/snapshotha").Should().Be("/opt/bin/operator/snapshotha");
        FrontDispatch.OperatorPath("/usr/local/bin/snapshotha-operator", "/app/snapshotha").Should().Be("/usr/local/bin/snapshotha-operator");
    }
}
