using SnapshotHa.Tests.Support;

namespace SnapshotHa.Api.Tests.Validation;

public sealed class SampleTests
{
    private static readonly string SamplesDirectory = Path.Combine(RepositoryRoot.Path, "config", "samples");

    public static TheoryData<string> SampleFiles() => new(SampleFileNames());

    private static IEnumerable<string> SampleFileNames() =>
        Directory.GetFiles(SamplesDirectory, "*.yaml").Select(Path.GetFileName).OfType<string>()
            .Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_is_accepted_by_its_crd(string file)
    {
        foreach (var obj in YamlDocuments.Load(Path.Combine(SamplesDirectory, file)))
        {
            if (obj["apiVersion"]!.GetValue<string>() == "v1")
            {
                obj["kind"]!.GetValue<string>().Should().Be("Secret");
                continue;
            }

            Admission.Admit(obj).Should().BeEmpty($"{file} is a sample users copy");
        }
    }

    [Fact]
    public void Samples_cover_every_kind_and_every_schedule_mode()
    {
        var objects = SampleFileNames().SelectMany(f => YamlDocuments.Load(Path.Combine(SamplesDirectory, f))).ToList();
        objects.Select(o => o["kind"]!.GetValue<string>()).Distinct()
            .Should().Contain(["Secret", "VSphereEndpoint", "SnapshotPolicy", "ProtectedVM", "Failover"]);
        objects.Where(o => o["kind"]!.GetValue<string>() == "SnapshotPolicy").Select(o => o["spec"]!["schedule"]!["mode"]!.GetValue<string>())
            .Should().BeEquivalentTo(["Interval", "DeltaThreshold", "Adaptive"]);
        objects.Single(o => o["kind"]!.GetValue<string>() == "Failover")["spec"]!["type"]!.GetValue<string>().Should().Be("Test");
        objects.Single(o => o["kind"]!.GetValue<string>() == "VSphereEndpoint")["spec"]!["tls"]!["thumbprint"].Should().NotBeNull();
    }

    [Fact]
    public void Kustomization_lists_every_sample()
    {
        var kustomization = YamlDocuments.Load(Path.Combine(SamplesDirectory, "kustomization.yaml")).Single();
        var listed = kustomization["resources"]!.AsArray().Select(r => r!.GetValue<string>());
        listed.Should().BeEquivalentTo(SampleFileNames());
    }
}
