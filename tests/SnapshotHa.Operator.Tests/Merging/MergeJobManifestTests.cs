using k8s.Models;
using SnapshotHa.Api.Policies;
using SnapshotHa.RepositoryCli;
using SnapshotHa.Operator.Hosting;
using SnapshotHa.Operator.Merging;

namespace SnapshotHa.Operator.Tests.Merging;

public sealed class MergeJobManifestTests
{
    private static readonly ProtectionOptions Options = new()
    {
        JobImage = "registry.example.com/snapshotha:1.2.3",
        JobCommand = ["/app/snapshotha"],
        JobRepositoryMountPath = "/repository",
        JobTtlAfterFinished = TimeSpan.FromMinutes(10),
    };

    [Fact]
    public void The_Job_is_owned_by_its_image_and_labelled()
    {
        var image = MergeJobFixtures.Image("web-01-000003", "uid-1");

        var job = MergeJobManifest.Build(MergeJobFixtures.Request(image), Options);

        job.Metadata.Name.Should().Be(MergeJobNames.For("web-01-000003"));
        job.Metadata.NamespaceProperty.Should().Be("default");
        var owner = job.Metadata.OwnerReferences.Should().ContainSingle().Subject;
        owner.Should().BeEquivalentTo(new V1OwnerReference
        {
            ApiVersion = "snapshotha.io/v1alpha1", Kind = "RecoveryImage", Name = "web-01-000003", Uid = "uid-1", Controller = true, BlockOwnerDeletion = true,
        });
        job.Metadata.Labels.Should().Contain(new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "snapshotha",
            ["app.kubernetes.io/component"] = "merge",
            ["snapshotha.io/protectedvm"] = "web-01",
            ["snapshotha.io/image"] = "web-01-000003",
        });
        job.Spec.Template.Metadata.Labels.Should().BeEquivalentTo(job.Metadata.Labels);
    }

    [Fact]
    public void Credentials_come_from_the_endpoint_Secret_by_reference_and_TLS_from_the_endpoint()
    {
        var job = MergeJobManifest.Build(MergeJobFixtures.Request(MergeJobFixtures.Image("web-01-000003", "uid-1")), Options);

        var env = job.Spec.Template.Spec.Containers.Single().Env;
        foreach (var (variable, key) in new[] { (VsphereCliOptions.UsernameVariable, "username"), (VsphereCliOptions.PasswordVariable, "password") })
        {
            var entry = env.Should().ContainSingle(e => e.Name == variable).Subject;
            entry.Value.Should().BeNull("credentials are never literal values in the Job");
            entry.ValueFrom.SecretKeyRef.Name.Should().Be("esxi-credentials");
            entry.ValueFrom.SecretKeyRef.Key.Should().Be(key);
        }

        env.Should().ContainSingle(e => e.Name == VsphereCliOptions.ThumbprintVariable).Which.Value.Should().Be(MergeJobFixtures.Thumbprint);
        env.Should().NotContain(e => e.Name == VsphereCliOptions.InsecureVariable);
    }

    [Fact]
    public void The_pod_runs_non_root_with_a_read_only_root_and_no_capabilities()
    {
        var pod = MergeJobManifest.Build(MergeJobFixtures.Request(MergeJobFixtures.Image("web-01-000003", "uid-1")), Options).Spec.Template.Spec;

        pod.RestartPolicy.Should().Be("Never");
        pod.SecurityContext.RunAsNonRoot.Should().BeTrue();
        pod.SecurityContext.RunAsUser.Should().Be(10001);
        pod.SecurityContext.RunAsGroup.Should().Be(10001);
        pod.SecurityContext.SeccompProfile.Type.Should().Be("RuntimeDefault");
        var container = pod.Containers.Single();
        container.Image.Should().Be("registry.example.com/snapshotha:1.2.3");
        container.Command.Should().Equal("/app/snapshotha");
        container.SecurityContext.ReadOnlyRootFilesystem.Should().BeTrue();
        container.SecurityContext.AllowPrivilegeEscalation.Should().BeFalse();
        container.SecurityContext.Capabilities.Drop.Should().Equal("ALL");
        container.SecurityContext.SeccompProfile.Type.Should().Be("RuntimeDefault");
        container.VolumeMounts.Select(m => m.MountPath).Should().BeEquivalentTo(["/repository", "/tmp"]);
        pod.Volumes.Should().ContainSingle(v => v.PersistentVolumeClaim != null).Which.PersistentVolumeClaim.ClaimName.Should().Be("repo");
        pod.Volumes.Should().ContainSingle(v => v.EmptyDir != null);
    }

    [Fact]
    public void The_arguments_merge_into_the_mounted_repository_and_write_the_result_file()
    {
        var image = MergeJobFixtures.Image("web-01-000003", "uid-1");

        var args = MergeJobManifest.Build(MergeJobFixtures.Request(image), Options).Spec.Template.Spec.Containers.Single().Args;

        args[0].Should().Be("merge");
        Value(args, "--repo").Should().Be("/repository/images");
        Value(args, "--series").Should().Be("default/web-01");
        Value(args, "--parent").Should().Be("0123456789abcdef0123456789abcdef");
        Value(args, "--result-file").Should().Be("/repository/images/results/web-01-000003-uid-1.json");
        DateTimeOffset.Parse(Value(args, "--point-in-time"), System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));
        Value(args, "--disk").Should().Be("2000=https://esxi.example.com/folder/web-01/web-01-000003.vmdk?dcPath=ha-datacenter&dsName=datastore1");
        Value(args, "--disk-chain").Should().StartWith("2001=https://esxi.example.com/folder/web-01/web-01_1-000003.vmdk");
        args.Should().NotContain(a => a.Contains("password", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_seed_has_no_parent()
    {
        var args = MergeJobManifest.Arguments(MergeJobFixtures.Request(MergeJobFixtures.Image("web-01-000000", "uid-0"), parent: null), Options);

        args.Should().NotContain("--parent");
    }

    [Fact]
    public void Resources_deadline_retries_and_ttl_come_from_the_policy_and_options()
    {
        var merge = new MergeSpec
        {
            Timeout = "30m",
            BackoffLimit = 5,
            Resources = new ComputeResources
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m") },
                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi") },
            },
        };

        var job = MergeJobManifest.Build(MergeJobFixtures.Request(MergeJobFixtures.Image("web-01-000003", "uid-1"), merge), Options);

        job.Spec.ActiveDeadlineSeconds.Should().Be(1800);
        job.Spec.BackoffLimit.Should().Be(5);
        job.Spec.TtlSecondsAfterFinished.Should().Be(600);
        var resources = job.Spec.Template.Spec.Containers.Single().Resources;
        resources.Requests["cpu"].ToString().Should().Be("500m");
        resources.Limits["memory"].ToString().Should().Be("1Gi");
    }

    [Fact]
    public void Without_policy_settings_the_defaults_apply()
    {
        var job = MergeJobManifest.Build(MergeJobFixtures.Request(MergeJobFixtures.Image("web-01-000003", "uid-1")), Options);

        job.Spec.ActiveDeadlineSeconds.Should().Be((long)MergeJobManifest.DefaultTimeout.TotalSeconds);
        job.Spec.BackoffLimit.Should().Be(MergeJobManifest.DefaultBackoffLimit);
        job.Spec.Template.Spec.Containers.Single().Resources.Should().BeNull();
    }

    [Fact]
    public void A_malformed_timeout_names_the_field()
    {
        var build = () => MergeJobManifest.Build(MergeJobFixtures.Request(MergeJobFixtures.Image("a-000001", "u"), new MergeSpec { Timeout = "soon" }), Options);

        build.Should().Throw<FormatException>().WithMessage("*spec.merge.timeout*soon*");
    }

    private static string Value(IList<string> args, string option)
    {
        var index = args.IndexOf(option);
        index.Should().BeGreaterThan(0, $"{option} is present");
        return args[index + 1];
    }
}
