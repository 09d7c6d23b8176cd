using SnapshotHa.Operator.SandboxRuntime;

namespace SnapshotHa.Operator.Tests.SandboxRuntime;

public sealed class SnapshotHaExecutableTests
{
    [Fact]
    public void Without_a_merge_binary_Jobs_run_this_build() =>
        SnapshotHaExecutable.JobCommandLine(null).Should().Equal(SnapshotHaExecutable.CommandLine());

    [Fact]
    public void A_configured_merge_binary_runs_alone()
    {
        var binary = Path.GetTempFileName();
        try
        {
            SnapshotHaExecutable.JobCommandLine(binary).Should().Equal(binary);
        }
        finally
        {
            File.Delete(binary);
        }
    }

    [Fact]
    public void A_missing_merge_binary_is_named() =>
        FluentActions.Invoking(() => SnapshotHaExecutable.JobCommandLine("/nonexistent/snapshotha"))
            .Should().Throw<FileNotFoundException>().WithMessage("*SNAPSHOTHA_MERGE_BINARY*/nonexistent/snapshotha*");
}
