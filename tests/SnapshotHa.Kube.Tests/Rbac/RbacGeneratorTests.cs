using k8s.Models;
using SnapshotHa.Api.Rbac;
using SnapshotHa.Kube.Rbac;

namespace SnapshotHa.Kube.Tests.Rbac;

public sealed class RbacGeneratorTests
{
    private static readonly V1ClusterRole Role = RbacGenerator.ClusterRole(OperatorIdentity.Default, typeof(OperatorPermissions).Assembly);

    private static IEnumerable<string> VerbsOn(string group, string resource) =>
        Role.Rules.Where(r => r.ApiGroups.Contains(group) && r.Resources.Contains(resource)).SelectMany(r => r.Verbs);

    [Fact]
    public void Operator_role_has_no_wildcards()
    {
        Role.Rules.SelectMany(r => r.ApiGroups.Concat(r.Resources).Concat(r.Verbs)).Should().NotContain(s => s.Contains('*'));
        Role.Rules.Should().OnlyContain(r => r.ResourceNames == null && r.NonResourceURLs == null);
    }

    [Fact]
    public void Operator_creates_and_deletes_only_images_failovers_and_jobs()
    {
        VerbsOn("snapshotha.io", "recoveryimages").Should().Equal("get", "list", "watch", "create", "update", "patch", "delete");
        VerbsOn("snapshotha.io", "failovers").Should().Equal("get", "list", "watch", "create", "update", "patch", "delete");
        foreach (var resource in new[] { "vsphereendpoints", "snapshotpolicies", "protectedvms" })
        {
            VerbsOn("snapshotha.io", resource).Should().Equal("get", "list", "watch", "update", "patch");
            VerbsOn("snapshotha.io", resource + "/status").Should().Equal("get", "update", "patch");
            VerbsOn("snapshotha.io", resource + "/finalizers").Should().Equal("update");
        }

        VerbsOn("batch", "jobs").Should().Equal("get", "list", "watch", "create", "delete");
    }

    [Fact]
    public void Core_resources_are_read_only_except_events()
    {
        VerbsOn("", "secrets").Should().Equal("get", "list", "watch");
        VerbsOn("", "pods").Should().Equal("get", "list", "watch");
        VerbsOn("", "pods/log").Should().Equal("get");
        VerbsOn("", "events").Should().Equal("get", "create", "update"); // repeats are read and replaced with a higher count
        Role.Rules.SelectMany(r => r.Resources).Should().NotContain("leases", "leases live in the namespaced leader-election role");
    }

    [Fact]
    public void Leader_election_role_is_namespaced_and_limited_to_leases()
    {
        var role = RbacGenerator.LeaderElectionRole(OperatorIdentity.Default);

        role.Metadata.NamespaceProperty.Should().Be("snapshotha-system");
        role.Rules.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            ApiGroups = new[] { "coordination.k8s.io" },
            Resources = new[] { "leases" },
            Verbs = new[] { "get", "create", "update" },
        });
    }

    [Fact]
    public void Bindings_bind_the_roles_to_the_operator_service_account()
    {
        var identity = new OperatorIdentity("ops", "sa", "cr", "le");
        var binding = RbacGenerator.ClusterRoleBinding(identity);
        var leaderBinding = RbacGenerator.LeaderElectionRoleBinding(identity);

        binding.RoleRef.Should().BeEquivalentTo(new { Kind = "ClusterRole", Name = "cr" });
        leaderBinding.RoleRef.Should().BeEquivalentTo(new { Kind = "Role", Name = "le" });
        leaderBinding.Metadata.NamespaceProperty.Should().Be("ops");
        foreach (var subject in binding.Subjects.Concat(leaderBinding.Subjects))
        {
            subject.Should().BeEquivalentTo(new { Kind = "ServiceAccount", Name = "sa", NamespaceProperty = "ops" });
        }

        RbacGenerator.ServiceAccount(identity).Metadata.Should().BeEquivalentTo(new { Name = "sa", NamespaceProperty = "ops" });
    }

    [Fact]
    public void Declarations_naming_a_non_entity_are_refused()
    {
        var generate = () => RbacGenerator.ClusterRole(OperatorIdentity.Default, typeof(BadPermissions).Assembly);

        generate.Should().Throw<ArgumentException>().WithMessage("*WidgetSpec*[KubernetesEntity]*");
    }
}
