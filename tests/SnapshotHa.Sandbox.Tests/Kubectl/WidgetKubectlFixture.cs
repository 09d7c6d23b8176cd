using k8s.Models;
using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.Kubectl;

/// <summary>A kubectl fixture serving the Widget test CRD.</summary>
public sealed class WidgetKubectlFixture : KubectlFixture
{
    protected override Task<IReadOnlyList<V1CustomResourceDefinition>> LoadCrdsAsync() =>
        Task.FromResult<IReadOnlyList<V1CustomResourceDefinition>>([TestCrds.Widget()]);
}
