using SnapshotHa.Api.Images;
using SnapshotHa.Api.Protection;
using SnapshotHa.Operator.SandboxRuntime;
using SnapshotHa.Sandbox.Simulator;

namespace SnapshotHa.Operator.Tests.EndToEnd;

/// <summary>
/// The short version of the scale benchmark (hack/bench-scale.sh): 100 VMs on a 20-host vCenter model, one operator
/// replica, every VM reaches Protected with a committed seed image equal to its disk. No timing assertions.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ScaleProtectionTests
{
    private const int Vms = 100;

    [Fact]
    public async Task Hundred_vms_on_twenty_hosts_all_reach_Protected_with_an_exact_seed_image()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var root = SimulatorProcess.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}");
        var data = Directory.CreateTempSubdirectory("snapshotha-scale-");
        try
        {
            await using var environment = await SandboxEnvironment.StartAsync(
                new SandboxOptions
                {
                    RepositoryRoot = root,
                    DataDirectory = data.FullName,
                    Vms = Vms,
                    Hosts = 20,
                    DisksPerVm = 1,
                    DiskSize = "1MiB",
                    CycleInterval = TimeSpan.FromMinutes(10),
                    TrackContent = true,
                    KeepLast = 2,
                    IdleRequeue = TimeSpan.FromSeconds(30),
                    Seed = 11,
                },
                null,
                cancellation.Token);
            var expected = SandboxFixture.RecordSnapshots(environment);
            environment.Simulator.Ready.Vms.Select(v => v.Host).Distinct().Should().HaveCountGreaterThan(1, "the VMs are spread over the hosts");

            await environment.StartOperatorAsync(null, cancellation.Token);
            await environment.ProtectAllAsync(cancellation.Token);
            await SandboxFixture.WaitUntilAsync(
                async () => (await environment.Client.ListAsync<ProtectedVM>("default")).Count(IsProtected) == Vms,
                TimeSpan.FromMinutes(3),
                $"all {Vms} ProtectedVMs are Protected");

            var pvms = await environment.Client.ListAsync<ProtectedVM>("default");
            pvms.Should().HaveCount(Vms).And.OnlyContain(p => IsProtected(p));
            var seeds = (await environment.Client.ListAsync<RecoveryImage>("default"))
                .Where(i => i.Spec.Sequence == 0 && i.Status?.Phase == RecoveryImagePhase.Committed)
                .ToList();
            seeds.Select(i => i.Spec.ProtectedVMRef.Name).Should().BeEquivalentTo(pvms.Select(p => p.Metadata.Name), "every VM has exactly one committed seed");
            pvms.Should().OnlyContain(p => seeds.Any(i => i.Metadata.Name == p.Status!.LatestCommittedImage!.Name));
            var repository = Path.Combine(data.FullName, SandboxResources.RepositoryClaim, "images");
            (await ImageOracle.CompareAsync(repository, seeds, expected)).Should().BeEmpty("every seed equals its VM's disk at the seed snapshot");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static bool IsProtected(ProtectedVM pvm) =>
        pvm.Status is { Phase: ProtectedVMPhase.Protected, LatestCommittedImage.Sequence: 0 } status
        && status.Conditions?.Any(c => c.Type == ProtectedVMConditions.Ready && c.Status == "True") == true;
}
