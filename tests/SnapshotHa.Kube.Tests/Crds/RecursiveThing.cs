using k8s.Models;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Tests.Crds;

/// <summary>A test entity whose schema would recurse.</summary>
[KubernetesEntity(Group = "test.snapshotha.io", ApiVersion = "v1", Kind = "RecursiveThing", PluralName = "recursivethings")]
public sealed class RecursiveThing : CustomKubernetesEntity<RecursiveNode, RecursiveNode>;
