using k8s.Models;
using SnapshotHa.Kube.Entities;
using SnapshotHa.Kube.Entities.Attributes;

namespace SnapshotHa.Kube.Tests.Crds;

/// <summary>A test entity exercising every schema mapping of the generator.</summary>
[KubernetesEntity(Group = "test.snapshotha.io", ApiVersion = "v1", Kind = "Widget", PluralName = "widgets")]
[KubernetesEntityShortNames("wd")]
[EntityCategories("testing")]
[Description("A widget.")]
[GenericAdditionalPrinterColumn(".metadata.creationTimestamp", "Age", "date", Order = 100)]
public sealed class Widget : CustomKubernetesEntity<WidgetSpec, WidgetStatus>;
