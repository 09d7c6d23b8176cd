namespace SnapshotHa.Sandbox.Tests.Kubectl;

/// <summary>The real kubectl against the sandbox API server serving the repository's snapshotha.io CRDs.</summary>
public sealed class SnapshotHaKubectlTests(RepositoryKubectlFixture fixture) : IClassFixture<RepositoryKubectlFixture>
{
    private Support.Kubectl Kubectl => fixture.Kubectl;

    [Fact]
    public async Task Discovery_lists_the_five_kinds_with_short_names_in_the_snapshotha_category()
    {
        var resources = await Kubectl.SucceedAsync("api-resources", "--api-group=snapshotha.io", "-o", "name");
        var shortNames = await Kubectl.SucceedAsync("api-resources", "--api-group=snapshotha.io");

        resources.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().BeEquivalentTo(
            "failovers.snapshotha.io", "protectedvms.snapshotha.io", "recoveryimages.snapshotha.io",
            "snapshotpolicies.snapshotha.io", "vsphereendpoints.snapshotha.io");
        shortNames.Should().Contain("pvm").And.Contain("vsep").And.Contain("sp").And.Contain("ri").And.Contain("fo");
    }

    [Fact]
    public async Task Apply_then_get_pvm_shows_the_printer_columns_and_the_category_lists_it()
    {
        await Kubectl.SucceedAsync("apply", "-f", fixture.Manifest("pvm.yaml", ProtectedVm("web-1", "vm: {name: web-1}")));

        var table = await Kubectl.SucceedAsync("get", "pvm");
        var category = await Kubectl.SucceedAsync("get", "snapshotha");

        var header = table.Split('\n')[0];
        header.Should().MatchRegex(@"^NAME\s+PHASE\s+VM\s+RPO\(S\)\s+LATEST IMAGE\s+AGE\s*$");
        table.Split('\n')[1].Should().MatchRegex(@"^web-1\s+web-1\s+");
        category.Should().Contain("protectedvm.snapshotha.io/web-1");
    }

    [Fact]
    public async Task Explain_protectedvm_spec_renders_the_generated_schema()
    {
        var output = await Kubectl.SucceedAsync("explain", "protectedvm.spec");

        output.Should().Contain("KIND:       ProtectedVM").And.MatchRegex(@"endpointRef\s+<Object> -required-");
    }

    [Fact]
    public async Task A_protectedvm_without_a_vm_is_rejected_with_the_field_path()
    {
        var result = await Kubectl.RunAsync("apply", "-f", fixture.Manifest("invalid.yaml", ProtectedVm("no-vm", string.Empty)));

        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain("The ProtectedVM \"no-vm\" is invalid: spec.vm: Required value");
    }

    private static string ProtectedVm(string name, string vm) => $"""
        apiVersion: snapshotha.io/v1alpha1
        kind: ProtectedVM
        metadata:
          name: {name}
        spec:
          {vm}
          endpointRef: {"{"}name: vcenter{"}"}
          policyRef: {"{"}name: every-5m{"}"}
          repository:
            volume: {"{"}claimName: repo{"}"}
        """;
}
