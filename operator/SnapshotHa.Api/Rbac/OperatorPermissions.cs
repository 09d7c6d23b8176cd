using SnapshotHa.Api.Endpoints;
using SnapshotHa.Api.Failovers;
using SnapshotHa.Api.Images;
using SnapshotHa.Api.Policies;
using SnapshotHa.Api.Protection;
using SnapshotHa.Kube.Rbac;

namespace SnapshotHa.Api.Rbac;

/// <summary>
/// Every permission the operator's service account needs, in one place; <c>snapshotha manifests</c> turns these
/// declarations into config/rbac/role.yaml. Leader election (Leases) lives in its own namespaced role.
/// </summary>
[EntityRbac(typeof(VSphereEndpoint), typeof(SnapshotPolicy), typeof(ProtectedVM), Verbs = RbacVerb.Read | RbacVerb.Update | RbacVerb.Patch)]
[EntityRbac(typeof(RecoveryImage), typeof(Failover), Verbs = RbacVerb.Read | RbacVerb.Create | RbacVerb.Update | RbacVerb.Patch | RbacVerb.Delete)]
[GenericRbac(Groups = [""], Resources = ["secrets"], Verbs = RbacVerb.Read)]
[GenericRbac(Groups = [""], Resources = ["events"], Verbs = RbacVerb.Get | RbacVerb.Create | RbacVerb.Update)]
[GenericRbac(Groups = [""], Resources = ["pods"], Verbs = RbacVerb.Read)]
[GenericRbac(Groups = [""], Resources = ["pods/log"], Verbs = RbacVerb.Get)]
[GenericRbac(Groups = ["batch"], Resources = ["jobs"], Verbs = RbacVerb.Read | RbacVerb.Create | RbacVerb.Delete)]
public static class OperatorPermissions;
