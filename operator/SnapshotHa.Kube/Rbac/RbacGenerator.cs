using System.Reflection;
using k8s;
using k8s.Models;

namespace SnapshotHa.Kube.Rbac;

/// <summary>
/// Generates least-privilege RBAC for the operator from <see cref="EntityRbacAttribute"/> and
/// <see cref="GenericRbacAttribute"/> declarations: rules are merged per API group and resource, no wildcards.
/// </summary>
public static class RbacGenerator
{
    private static readonly (RbacVerb Verb, string Name)[] VerbNames =
    [
        (RbacVerb.Get, "get"), (RbacVerb.List, "list"), (RbacVerb.Watch, "watch"), (RbacVerb.Create, "create"),
        (RbacVerb.Update, "update"), (RbacVerb.Patch, "patch"), (RbacVerb.Delete, "delete"),
    ];

    /// <summary>The cluster role granting every permission declared on types (or the assembly) of <paramref name="assemblies"/>.</summary>
    /// <exception cref="ArgumentException">An entity in a declaration has no <c>[KubernetesEntity]</c>, or a declaration grants no verb.</exception>
    public static V1ClusterRole ClusterRole(OperatorIdentity identity, params Assembly[] assemblies)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(assemblies);
        var grants = new Dictionary<(string Group, string Resource), RbacVerb>();
        foreach (var provider in assemblies.SelectMany(a => a.GetTypes().Cast<ICustomAttributeProvider>().Prepend(a)))
        {
            foreach (var declaration in provider.GetCustomAttributes(typeof(EntityRbacAttribute), false).Cast<EntityRbacAttribute>())
            {
                AddEntityGrants(grants, declaration);
            }

            foreach (var declaration in provider.GetCustomAttributes(typeof(GenericRbacAttribute), false).Cast<GenericRbacAttribute>())
            {
                RequireVerbs(declaration.Verbs, string.Join(",", declaration.Resources));
                foreach (var group in declaration.Groups)
                {
                    foreach (var resource in declaration.Resources)
                    {
                        Grant(grants, group, resource, declaration.Verbs);
                    }
                }
            }
        }

        return new V1ClusterRole
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRole",
            Metadata = new V1ObjectMeta { Name = identity.ClusterRole },
            Rules = MergeRules(grants),
        };
    }

    /// <summary>The namespaced role for leader election: get, create and update of Leases, nothing else.</summary>
    public static V1Role LeaderElectionRole(OperatorIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "Role",
            Metadata = new V1ObjectMeta { Name = identity.LeaderElectionRole, NamespaceProperty = identity.Namespace },
            Rules = [new V1PolicyRule { ApiGroups = ["coordination.k8s.io"], Resources = ["leases"], Verbs = ["get", "create", "update"] }],
        };
    }

    /// <summary>The operator's service account.</summary>
    public static V1ServiceAccount ServiceAccount(OperatorIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new V1ServiceAccount
        {
            ApiVersion = "v1",
            Kind = "ServiceAccount",
            Metadata = new V1ObjectMeta { Name = identity.ServiceAccount, NamespaceProperty = identity.Namespace },
        };
    }

    /// <summary>Binds the cluster role to the operator's service account.</summary>
    public static V1ClusterRoleBinding ClusterRoleBinding(OperatorIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new V1ClusterRoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRoleBinding",
            Metadata = new V1ObjectMeta { Name = identity.ClusterRole },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = identity.ClusterRole },
            Subjects = [OperatorSubject(identity)],
        };
    }

    /// <summary>Binds the leader-election role to the operator's service account.</summary>
    public static V1RoleBinding LeaderElectionRoleBinding(OperatorIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "RoleBinding",
            Metadata = new V1ObjectMeta { Name = identity.LeaderElectionRole, NamespaceProperty = identity.Namespace },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = identity.LeaderElectionRole },
            Subjects = [OperatorSubject(identity)],
        };
    }

    private static Rbacv1Subject OperatorSubject(OperatorIdentity identity) =>
        new() { Kind = "ServiceAccount", Name = identity.ServiceAccount, NamespaceProperty = identity.Namespace };

    private static void AddEntityGrants(Dictionary<(string Group, string Resource), RbacVerb> grants, EntityRbacAttribute declaration)
    {
        foreach (var entityType in declaration.Entities)
        {
            var entity = entityType.GetCustomAttribute<KubernetesEntityAttribute>()
                ?? throw new ArgumentException($"[EntityRbac] names {entityType.FullName}, which carries no [KubernetesEntity].", nameof(declaration));
            RequireVerbs(declaration.Verbs, entity.PluralName);
            Grant(grants, entity.Group, entity.PluralName, declaration.Verbs);
            var hasStatus = entityType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStatus<>));
            if (hasStatus)
            {
                Grant(grants, entity.Group, entity.PluralName + "/status", RbacVerb.Get | RbacVerb.Update | RbacVerb.Patch);
            }

            if (declaration.Verbs.HasFlag(RbacVerb.Update))
            {
                Grant(grants, entity.Group, entity.PluralName + "/finalizers", RbacVerb.Update);
            }
        }
    }

    private static void RequireVerbs(RbacVerb verbs, string resource)
    {
        if (verbs == RbacVerb.None)
        {
            throw new ArgumentException($"An RBAC declaration for {resource} grants no verb.", nameof(verbs));
        }
    }

    private static void Grant(Dictionary<(string Group, string Resource), RbacVerb> grants, string group, string resource, RbacVerb verbs) =>
        grants[(group, resource)] = grants.GetValueOrDefault((group, resource)) | verbs;

    /// <summary>One rule per API group and verb set, listing its resources in order; rules ordered by group, then resource.</summary>
    private static List<V1PolicyRule> MergeRules(Dictionary<(string Group, string Resource), RbacVerb> grants) =>
        [.. grants
            .GroupBy(g => (g.Key.Group, g.Value))
            .Select(g => (g.Key.Group, Verbs: g.Key.Value, Resources: g.Select(x => x.Key.Resource).Order(StringComparer.Ordinal).ToList()))
            .OrderBy(r => r.Group, StringComparer.Ordinal)
            .ThenBy(r => r.Resources[0], StringComparer.Ordinal)
            .Select(r => new V1PolicyRule
            {
                ApiGroups = [r.Group],
                Resources = r.Resources,
                Verbs = [.. VerbNames.Where(v => r.Verbs.HasFlag(v.Verb)).Select(v => v.Name)],
            })];
}
