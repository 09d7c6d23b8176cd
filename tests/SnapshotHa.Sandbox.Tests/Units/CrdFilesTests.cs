using SnapshotHa.Sandbox.ApiServer;

namespace SnapshotHa.Sandbox.Tests.Units;

public sealed class CrdFilesTests
{
    [Fact]
    public async Task Loads_the_CRDs_of_a_directory_and_skips_other_kinds()
    {
        var dir = Directory.CreateTempSubdirectory("snapshotha-crds-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "a.yaml"), k8s.KubernetesYaml.Serialize(Support.TestCrds.Widget()));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "b.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");

            var crds = await CrdFiles.LoadAsync(dir.FullName, CancellationToken.None);

            crds.Select(c => c.Metadata.Name).Should().Equal("widgets.test.snapshotha.io");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unreadable_file_is_named_in_the_error()
    {
        var dir = Directory.CreateTempSubdirectory("snapshotha-crds-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "broken.yaml"), "kind: [unclosed");

            var failure = await FluentActions.Awaiting(() => CrdFiles.LoadAsync(dir.FullName, CancellationToken.None))
                .Should().ThrowAsync<InvalidDataException>();

            failure.Which.Message.Should().Contain("broken.yaml");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
