using System.CommandLine;
using SnapshotHa.Operator.Cli;

namespace SnapshotHa.Operator.Tests.Cli;

public sealed class ManifestsCommandTests : IDisposable
{
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("snapshotha-manifests-");

    public void Dispose() => _output.Delete(recursive: true);

    private int Run()
    {
        var root = new RootCommand();
        root.Subcommands.Add(ManifestsCommand.Create());
        return root.Parse(["manifests", "--output", _output.FullName])
            .Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() });
    }

    private string Written(string relativePath) => File.ReadAllText(Path.Combine(_output.FullName, relativePath));

    [Fact]
    public void The_charts_copies_equal_the_generated_crds_and_rbac()
    {
        Run().Should().Be(0);

        var crds = Directory.GetFiles(Path.Combine(_output.FullName, "crds"), "*.snapshotha.io.yaml");
        crds.Should().HaveCount(5);
        foreach (var crd in crds)
        {
            Written($"charts/snapshot-ha/crds/{Path.GetFileName(crd)}").Should().Be(File.ReadAllText(crd));
        }

        Written("charts/snapshot-ha/files/rbac/role.yaml").Should().Be(Written("config/rbac/role.yaml"));
        Written("charts/snapshot-ha/files/rbac/leader_election_role.yaml").Should().Be(Written("config/rbac/leader_election_role.yaml"));
    }
}
