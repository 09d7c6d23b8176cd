using System.Text.Json.Nodes;
using SnapshotHa.Tests.Support;

namespace SnapshotHa.Api.Tests.Validation;

/// <summary>Transition rules (oldSelf) accept the updates they are meant to allow.</summary>
public sealed class UpdateTests
{
    private static JsonNode Sample(string file) =>
        YamlDocuments.Load(Path.Combine(RepositoryRoot.Path, "config", "samples", file)).Single();

    [Fact]
    public void Confirming_fencing_after_creation_is_accepted()
    {
        var old = Sample("failover-test.yaml");
        var updated = old.DeepClone();
        updated["spec"]!["fencingConfirmed"] = true;

        Admission.Admit(updated, old).Should().BeEmpty();
    }

    [Fact]
    public void Changing_the_policy_of_a_protected_vm_is_accepted_but_not_its_vm()
    {
        var old = Sample("protectedvm-web.yaml");
        var newPolicy = old.DeepClone();
        newPolicy["spec"]!["policyRef"]!["name"] = "adaptive-5-percent";
        var newVm = old.DeepClone();
        newVm["spec"]!["vm"]!["name"] = "web-02";

        Admission.Admit(newPolicy, old).Should().BeEmpty();
        Admission.Admit(newVm, old).Should().ContainSingle().Which.Field.Should().Be("spec.vm");
    }

    [Fact]
    public void Transition_rules_do_not_run_on_create()
    {
        var created = Sample("protectedvm-db.yaml");

        Admission.Admit(created, oldObj: null).Should().BeEmpty();
    }

    [Fact]
    public void Status_of_an_immutable_image_may_change()
    {
        var old = JsonNode.Parse("""
            {"apiVersion":"snapshotha.io/v1alpha1","kind":"RecoveryImage","metadata":{"name":"web-01-0"},
             "spec":{"protectedVMRef":{"name":"web-01"},"sequence":0,"pointInTime":"2026-11-20T10:00:00Z","sourceSnapshot":{"name":"snapshotha-web-01-0"}}}
            """)!;
        var updated = old.DeepClone();
        updated["status"] = new JsonObject { ["phase"] = "Committed", ["deltaBytes"] = 1048576, ["shipSeconds"] = 1.5 };

        Admission.Admit(updated, old).Should().BeEmpty();
    }

    [Fact]
    public void Defaults_fill_in_the_policy_like_the_api_server()
    {
        var policy = Sample("snapshotpolicy-deltathreshold.yaml");

        Admission.Admit(policy).Should().BeEmpty();

        policy["spec"]!["snapshot"]!["quiesce"]!.GetValue<bool>().Should().BeTrue();
        policy["spec"]!["merge"]!["executor"]!.GetValue<string>().Should().Be("Job");
        policy["spec"]!["failover"]!["fencing"]!.GetValue<string>().Should().Be("Required");
        policy["spec"]!["retention"]!["keepLast"]!.GetValue<int>().Should().Be(6, "a value the user set is kept");
    }
}
