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

    [Fact]
    public void The_repository_holds_the_current_generated_files()
    {
        Run().Should().Be(0);
        var repository = RepositoryRoot();

        var generated = Directory.GetFiles(_output.FullName, "*.yaml", SearchOption.AllDirectories);
        generated.Should().NotBeEmpty();
        foreach (var file in generated)
        {
            var relative = Path.GetRelativePath(_output.FullName, file);
            var committed = Path.Combine(repository, relative);
            File.Exists(committed).Should().BeTrue($"{relative} is generated; run `snapshotha manifests` in the repository root");
            File.ReadAllText(committed).Should().Be(File.ReadAllText(file), $"{relative} is stale; run `snapshotha manifests` in the repository root");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SnapshotHa.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"SnapshotHa.sln not found above {AppContext.BaseDirectory}");
    }
}
