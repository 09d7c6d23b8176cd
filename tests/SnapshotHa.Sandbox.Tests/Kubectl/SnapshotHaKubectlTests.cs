using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.Kubectl;

/// <summary>
/// The real kubectl against the sandbox API server serving the repository's snapshotha.io CRDs, with the samples of
/// config/samples/ (applied as the kustomization they are: <c>apply -f</c> on the directory would also send
/// kustomization.yaml, which no API server serves).
/// </summary>
public sealed class SnapshotHaKubectlTests(RepositoryKubectlFixture fixture) : IClassFixture<RepositoryKubectlFixture>
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root(), "config", "samples");

    private Support.Kubectl Kubectl => fixture.Kubectl;

    [Fact]
    public async Task Discovery_lists_the_five_kinds_with_short_names()
    {
        var resources = await Kubectl.SucceedAsync("api-resources", "--api-group=snapshotha.io", "-o", "name");
        var shortNames = await Kubectl.SucceedAsync("api-resources", "--api-group=snapshotha.io");

        resources.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().BeEquivalentTo(
            "failovers.snapshotha.io", "protectedvms.snapshotha.io", "recoveryimages.snapshotha.io",
            "snapshotpolicies.snapshotha.io", "vsphereendpoints.snapshotha.io");
        shortNames.Should().MatchRegex(@"\bpvm\b").And.MatchRegex(@"\bvsep\b").And.MatchRegex(@"\bsp\b").And.MatchRegex(@"\bri\b").And.MatchRegex(@"\bfo\b");
    }

    [Fact]
    public async Task Applying_the_samples_creates_every_object()
    {
        var applied = await Kubectl.SucceedAsync("apply", "-k", Samples);

        var manifests = Directory.GetFiles(Samples, "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal));
        applied.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(manifests.Count())
            .And.OnlyContain(line => line.EndsWith(" created", StringComparison.Ordinal) || line.EndsWith(" unchanged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_pvm_shows_the_printer_columns()
    {
        await Kubectl.SucceedAsync("apply", "-k", Samples);
        var pointInTime = DateTime.UtcNow.AddMinutes(-30).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        await Kubectl.SucceedAsync(
            "patch", "pvm", "web-01", "--subresource=status", "--type=merge",
            "-p", """{"status":{"phase":"Protected","vm":{"name":"web-01-vsphere","moref":"vm-9"},"rpoSeconds":42,"latestCommittedImage":{"name":"web-01-000007","sequence":7,"pointInTime":""" + $"\"{pointInTime}\"" + "}}}");

        var table = await Kubectl.SucceedAsync("get", "pvm", "web-01");

        var lines = table.Split('\n');
        lines[0].Should().MatchRegex(@"^NAME\s+PHASE\s+VM\s+RECOVERY POINT\s+LATEST IMAGE\s+AGE\s*$");
        lines[1].Should().MatchRegex(
            @"^web-01\s+Protected\s+web-01-vsphere\s+3[01]m\s+web-01-000007\s+[0-9]+s\s*$",
            "the VM column shows the VM found in vSphere and the Recovery Point column the age of the image's point in time");
    }

    [Fact]
    public async Task Get_snapshotha_lists_every_kind_of_the_category()
    {
        await Kubectl.SucceedAsync("apply", "-k", Samples);

        var output = await Kubectl.SucceedAsync("get", "snapshotha");

        output.Should().Contain("protectedvm.snapshotha.io/web-01")
            .And.Contain("snapshotpolicy.snapshotha.io/every-15-minutes")
            .And.Contain("vsphereendpoint.snapshotha.io/vcenter-prod")
            .And.Contain("failover.snapshotha.io/web-01-dr-test");
    }

    [Fact]
    public async Task Describe_shows_the_spec()
    {
        await Kubectl.SucceedAsync("apply", "-k", Samples);

        var output = await Kubectl.SucceedAsync("describe", "pvm", "web-01");

        output.Should().Contain("Kind:         ProtectedVM").And.MatchRegex(@"Claim Name:\s+snapshotha-repository");
    }

    [Fact]
    public async Task Explain_protectedvm_spec_renders_the_generated_schema()
    {
        var output = await Kubectl.SucceedAsync("explain", "protectedvm.spec");

        output.Should().Contain("KIND:       ProtectedVM").And.MatchRegex(@"endpointRef\s+<Object> -required-");
    }

    [Fact]
    public async Task Delete_of_a_protectedvm_with_a_finalizer_keeps_it_until_the_finalizer_is_removed()
    {
        await Kubectl.SucceedAsync("apply", "-f", fixture.Manifest("finalized.yaml", ProtectedVm("finalized", "vm: {name: finalized}", "finalizers: [snapshotha.io/test]")));

        var deleted = await Kubectl.SucceedAsync("delete", "pvm", "finalized", "--wait=false");
        var deletionTimestamp = await Kubectl.SucceedAsync("get", "pvm", "finalized", "-o", "jsonpath={.metadata.deletionTimestamp}");
        await Kubectl.SucceedAsync("patch", "pvm", "finalized", "--type=json", "-p", """[{"op":"remove","path":"/metadata/finalizers"}]""");
        var gone = await Kubectl.RunAsync("get", "pvm", "finalized");

        deleted.Should().Contain("protectedvm.snapshotha.io \"finalized\" deleted");
        deletionTimestamp.Should().NotBeEmpty();
        gone.ExitCode.Should().NotBe(0);
        gone.Stderr.Should().Contain("protectedvms.snapshotha.io \"finalized\" not found");
    }

    [Fact]
    public async Task A_protectedvm_without_a_vm_is_rejected_with_the_field_path()
    {
        var result = await Kubectl.RunAsync("apply", "-f", fixture.Manifest("invalid.yaml", ProtectedVm("no-vm", string.Empty)));

        result.ExitCode.Should().NotBe(0);
        result.Stderr.Should().Contain("The ProtectedVM \"no-vm\" is invalid: spec.vm: Required value");
    }

    private static string ProtectedVm(string name, string vm, string extraMetadata = "") => $"""
        apiVersion: snapshotha.io/v1alpha1
        kind: ProtectedVM
        metadata:
          name: {name}
          {extraMetadata}
        spec:
          {vm}
          endpointRef: {"{"}name: vcenter{"}"}
          policyRef: {"{"}name: every-5m{"}"}
          repository:
            volume: {"{"}claimName: repo{"}"}
        """;
}
