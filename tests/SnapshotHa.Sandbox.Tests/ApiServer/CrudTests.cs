using k8s;
using k8s.Models;
using SnapshotHa.Sandbox.Tests.Support;

namespace SnapshotHa.Sandbox.Tests.ApiServer;

public sealed class CrudTests
{
    [Fact]
    public async Task Create_sets_server_owned_metadata_and_get_returns_it()
    {
        await using var scope = await ServerScope.StartAsync();

        var created = await scope.Widgets.CreateAsync(Widget.Named("alpha", size: 3));
        var fetched = await scope.Widgets.GetAsync("alpha");

        created.Metadata.Uid.Should().NotBeNullOrEmpty();
        created.Metadata.CreationTimestamp.Should().NotBeNull();
        created.Metadata.Generation.Should().Be(1);
        long.Parse(created.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
        fetched.Metadata.Uid.Should().Be(created.Metadata.Uid);
        fetched.Spec.Size.Should().Be(3);
        fetched.Metadata.NamespaceProperty.Should().Be("default");
    }

    [Fact]
    public async Task Create_of_an_existing_name_answers_409_AlreadyExists()
    {
        await using var scope = await ServerScope.StartAsync();
        await scope.Widgets.CreateAsync(Widget.Named("alpha"));

        var (code, status) = await HttpErrors.CaptureAsync(() => scope.Widgets.CreateAsync(Widget.Named("alpha")));

        code.Should().Be(409);
        status.GetProperty("reason").GetString().Should().Be("AlreadyExists");
        status.GetProperty("message").GetString().Should().Be("widgets.test.snapshotha.io \"alpha\" already exists");
    }

    [Fact]
    public async Task GenerateName_gets_a_random_suffix()
    {
        await using var scope = await ServerScope.StartAsync();
        var widget = Widget.Named(null!);
        widget.Metadata.GenerateName = "gen-";

        var first = await scope.Widgets.CreateAsync(widget);
        var second = await scope.Widgets.CreateAsync(widget);

        first.Metadata.Name.Should().StartWith("gen-").And.HaveLength(9);
        second.Metadata.Name.Should().NotBe(first.Metadata.Name);
    }

    [Fact]
    public async Task Update_with_a_stale_resourceVersion_answers_409_Conflict_with_kube_message()
    {
        await using var scope = await ServerScope.StartAsync();
        var created = await scope.Widgets.CreateAsync(Widget.Named("alpha"));
        created.Spec.Size = 2;
        await scope.Widgets.ReplaceAsync(created);

        created.Spec.Size = 5;
        var (code, status) = await HttpErrors.CaptureAsync(() => scope.Widgets.ReplaceAsync(created));

        code.Should().Be(409);
        status.GetProperty("kind").GetString().Should().Be("Status");
        status.GetProperty("reason").GetString().Should().Be("Conflict");
        status.GetProperty("message").GetString().Should().Be(
            "Operation cannot be fulfilled on widgets.test.snapshotha.io \"alpha\": the object has been modified; please apply your changes to the latest version and try again");
        (await scope.Widgets.GetAsync("alpha")).Spec.Size.Should().Be(2);
    }

    [Fact]
    public async Task Get_of_a_missing_object_answers_404_NotFound()
    {
        await using var scope = await ServerScope.StartAsync();

        var (code, status) = await HttpErrors.CaptureAsync(() => scope.Widgets.GetAsync("missing"));

        code.Should().Be(404);
        status.GetProperty("reason").GetString().Should().Be("NotFound");
        status.GetProperty("message").GetString().Should().Be("widgets.test.snapshotha.io \"missing\" not found");
    }

    [Fact]
    public async Task Spec_changes_bump_generation_and_status_writes_do_not()
    {
        await using var scope = await ServerScope.StartAsync();
        var widget = await scope.Widgets.CreateAsync(Widget.Named("alpha"));

        widget.Spec.Size = 7;
        widget = await scope.Widgets.ReplaceAsync(widget);
        widget.Metadata.Generation.Should().Be(2);

        widget.Status = new WidgetStatus { Phase = "Ready" };
        var afterStatus = await scope.Widgets.ReplaceStatusAsync(widget);
        afterStatus.Metadata.Generation.Should().Be(2);
        afterStatus.Status!.Phase.Should().Be("Ready");

        widget.Metadata.Labels = new Dictionary<string, string> { ["team"] = "a" };
        widget.Metadata.ResourceVersion = afterStatus.Metadata.ResourceVersion;
        var afterLabel = await scope.Widgets.ReplaceAsync(widget);
        afterLabel.Metadata.Generation.Should().Be(2, "metadata changes do not bump the generation");
    }

    [Fact]
    public async Task Status_endpoint_ignores_spec_and_main_endpoint_ignores_status()
    {
        await using var scope = await ServerScope.StartAsync();
        var widget = await scope.Widgets.CreateAsync(Widget.Named("alpha", size: 1));

        widget.Spec.Size = 9;
        widget.Status = new WidgetStatus { Phase = "Ready" };
        var viaStatus = await scope.Widgets.ReplaceStatusAsync(widget);
        viaStatus.Spec.Size.Should().Be(1);
        viaStatus.Status!.Phase.Should().Be("Ready");

        viaStatus.Spec.Size = 4;
        viaStatus.Status = new WidgetStatus { Phase = "Broken" };
        var viaMain = await scope.Widgets.ReplaceAsync(viaStatus);
        viaMain.Spec.Size.Should().Be(4);
        viaMain.Status!.Phase.Should().Be("Ready");
    }

    [Fact]
    public async Task Create_drops_status_of_a_resource_with_a_status_subresource()
    {
        await using var scope = await ServerScope.StartAsync();
        var widget = Widget.Named("alpha");
        widget.Status = new WidgetStatus { Phase = "Faked" };

        var created = await scope.Widgets.CreateAsync(widget);

        created.Status.Should().BeNull();
    }

    [Fact]
    public async Task Unchanged_update_keeps_the_resourceVersion()
    {
        await using var scope = await ServerScope.StartAsync();
        var widget = await scope.Widgets.CreateAsync(Widget.Named("alpha"));

        var again = await scope.Widgets.ReplaceAsync(widget);

        again.Metadata.ResourceVersion.Should().Be(widget.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Merge_and_json_patches_apply_and_a_stale_resourceVersion_in_a_patch_conflicts()
    {
        await using var scope = await ServerScope.StartAsync();
        var created = await scope.Widgets.CreateAsync(Widget.Named("alpha", size: 1));

        var merged = await scope.Widgets.PatchAsync("alpha", new { spec = new { color = "red" } });
        merged.Spec.Color.Should().Be("red");
        merged.Spec.Size.Should().Be(1);
        merged.Metadata.Generation.Should().Be(2);

        var patched = await scope.Widgets.PatchAsync(
            "alpha",
            new object[] { new { op = "replace", path = "/spec/size", value = 6 }, new { op = "remove", path = "/spec/color" } },
            V1Patch.PatchType.JsonPatch);
        patched.Spec.Size.Should().Be(6);
        patched.Spec.Color.Should().BeNull();

        var (code, _) = await HttpErrors.CaptureAsync(() => scope.Widgets.PatchAsync(
            "alpha", new { metadata = new { resourceVersion = created.Metadata.ResourceVersion }, spec = new { size = 2 } }));
        code.Should().Be(409);
    }

    [Fact]
    public async Task Status_patch_changes_only_status()
    {
        await using var scope = await ServerScope.StartAsync();
        await scope.Widgets.CreateAsync(Widget.Named("alpha", size: 1));

        var patched = await scope.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<Widget>(
            new V1Patch(new { spec = new { size = 8 }, status = new { phase = "Ready" } }, V1Patch.PatchType.MergePatch),
            TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "alpha");

        patched.Status!.Phase.Should().Be("Ready");
        patched.Spec.Size.Should().Be(1);
        patched.Metadata.Generation.Should().Be(1);
    }

    [Fact]
    public async Task Label_selectors_filter_lists_with_equality_set_and_existence_requirements()
    {
        await using var scope = await ServerScope.StartAsync();
        foreach (var (name, tier) in new[] { ("a", "web"), ("b", "db"), ("c", "cache") })
        {
            var widget = Widget.Named(name);
            widget.Metadata.Labels = new Dictionary<string, string> { ["tier"] = tier };
            await scope.Widgets.CreateAsync(widget);
        }

        await scope.Widgets.CreateAsync(Widget.Named("unlabelled"));

        Names(await scope.Widgets.ListAsync("tier=web")).Should().Equal("a");
        Names(await scope.Widgets.ListAsync("tier!=web")).Should().Equal("b", "c", "unlabelled");
        Names(await scope.Widgets.ListAsync("tier in (db,cache)")).Should().Equal("b", "c");
        Names(await scope.Widgets.ListAsync("tier notin (db,cache)")).Should().Equal("a", "unlabelled");
        Names(await scope.Widgets.ListAsync("tier")).Should().Equal("a", "b", "c");
        Names(await scope.Widgets.ListAsync("!tier")).Should().Equal("unlabelled");
    }

    [Fact]
    public async Task Events_are_selected_by_involved_object_fields()
    {
        await using var scope = await ServerScope.StartAsync();
        foreach (var (name, target) in new[] { ("e1", "alpha"), ("e2", "beta") })
        {
            await scope.Client.CoreV1.CreateNamespacedEventAsync(
                new Corev1Event
                {
                    Metadata = new V1ObjectMeta { Name = name },
                    InvolvedObject = new V1ObjectReference { Kind = "Widget", Name = target, NamespaceProperty = "default" },
                    Reason = "Tested",
                    Message = "m",
                    Type = "Normal",
                },
                "default");
        }

        var events = await scope.Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.name=beta,involvedObject.kind=Widget");

        events.Items.Select(e => e.Metadata.Name).Should().Equal("e2");
    }

    [Fact]
    public async Task Leases_support_create_and_conflict_checked_replace()
    {
        await using var scope = await ServerScope.StartAsync();
        var lease = await scope.Client.CoordinationV1.CreateNamespacedLeaseAsync(
            new V1Lease { Metadata = new V1ObjectMeta { Name = "leader" }, Spec = new V1LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = 15 } },
            "default");

        lease.Spec.HolderIdentity = "b";
        var renewed = await scope.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "leader", "default");
        lease.Spec.HolderIdentity = "c";
        var (code, _) = await HttpErrors.CaptureAsync(() => scope.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "leader", "default"));

        renewed.Spec.HolderIdentity.Should().Be("b");
        code.Should().Be(409);
    }

    [Fact]
    public async Task FailNext_fails_the_next_matching_request_with_a_Status_then_recovers()
    {
        await using var scope = await ServerScope.StartAsync();
        await scope.Widgets.CreateAsync(Widget.Named("alpha"));
        scope.Server.FailNext("GET", $"/apis/{TestCrds.Group}/", 503);

        var (code, status) = await HttpErrors.CaptureAsync(() => scope.Widgets.GetAsync("alpha"));
        var recovered = await scope.Widgets.GetAsync("alpha");

        code.Should().Be(503);
        status.GetProperty("reason").GetString().Should().Be("ServiceUnavailable");
        recovered.Metadata.Name.Should().Be("alpha");
    }

    [Fact]
    public async Task ClearFaults_disarms_faults_not_used_up()
    {
        await using var scope = await ServerScope.StartAsync();
        await scope.Widgets.CreateAsync(Widget.Named("alpha"));
        scope.Server.FailNext("GET", $"/apis/{TestCrds.Group}/", 503, times: 10);

        var (code, _) = await HttpErrors.CaptureAsync(() => scope.Widgets.GetAsync("alpha"));
        scope.Server.ClearFaults();
        var recovered = await scope.Widgets.GetAsync("alpha");

        code.Should().Be(503);
        recovered.Metadata.Name.Should().Be("alpha");
    }

    [Fact]
    public async Task Secret_stringData_is_stored_as_base64_data()
    {
        await using var scope = await ServerScope.StartAsync();

        var secret = await scope.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "creds" }, StringData = new Dictionary<string, string> { ["user"] = "admin" } },
            "default");

        secret.StringData.Should().BeNull();
        System.Text.Encoding.UTF8.GetString(secret.Data["user"]).Should().Be("admin");
    }

    private static IEnumerable<string> Names(IEnumerable<Widget> widgets) => widgets.Select(w => w.Metadata.Name);
}
