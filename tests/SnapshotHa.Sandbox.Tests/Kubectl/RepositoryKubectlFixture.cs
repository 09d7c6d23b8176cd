using k8s.Models;
using SnapshotHa.Sandbox.ApiServer;
using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.Kubectl;

/// <summary>A kubectl fixture serving the repository's CRDs from crds/.</summary>
public sealed class RepositoryKubectlFixture : KubectlFixture
{
    protected override Task<IReadOnlyList<V1CustomResourceDefinition>> LoadCrdsAsync() =>
        CrdFiles.LoadAsync(Path.Combine(RepositoryPaths.Root(), "crds"), CancellationToken.None);
}
