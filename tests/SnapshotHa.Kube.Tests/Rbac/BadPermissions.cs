using SnapshotHa.Kube.Rbac;
using SnapshotHa.Kube.Tests.Crds;

namespace SnapshotHa.Kube.Tests.Rbac;

/// <summary>An RBAC declaration that names a type without [KubernetesEntity].</summary>
[EntityRbac(typeof(WidgetSpec), Verbs = RbacVerb.Read)]
public static class BadPermissions;
