using System.Security.Cryptography;
using SnapshotHa.RepositoryCli;
using SnapshotHa.Sandbox.Simulator;
using SnapshotHa.Vim;
using SnapshotHa.Vim.Datastores;

namespace SnapshotHa.Operator.Tests.Cli;

/// <summary><c>snapshotha merge</c> reading a frozen delta straight from the simulator's datastore over TLS.</summary>
public sealed class DatastoreMergeCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("snapshotha-dsmerge-").FullName;
    private SimulatorProcess _sim = null!;
    private VimClient _client = null!;

    private string Repo => Path.Combine(_dir, "repo");

    private SimulatorVm Vm => _sim.Ready.Vms[0];

    public async Task InitializeAsync()
    {
        var root = SimulatorProcess.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}");
        _sim = await SimulatorProcess.StartAsync(root, ["--tls", "--vms", "1", "--disk-size", "4MiB"], CancellationToken.None);
        _client = await VimClient.ConnectAsync(
            new VimConnectionOptions
            {
                Url = new Uri(_sim.Ready.SdkUrl),
                Username = _sim.Ready.Username,
                Password = _sim.Ready.Password,
                Thumbprint = _sim.Ready.Thumbprint,
                DatacenterPath = _sim.Ready.DatacenterPath,
            },
            null,
            null,
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _sim.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Merge_streams_a_frozen_delta_from_its_datastore_url_and_materializes_the_guest_view()
    {
        var vm = new ManagedObjectReference("VirtualMachine", Vm.Moref);
        var disk = Vm.Disks[0];
        await _client.Snapshots.CreateAsync(vm, "s1", "base frozen", memory: false, quiesce: false, null, CancellationToken.None);
        var written = RandomNumberGenerator.GetBytes(70_000);
        await _sim.Control.WriteAsync(Vm.Moref, disk.Key, 1_000_448, written, CancellationToken.None);
        await _sim.Control.WriteAsync(Vm.Moref, disk.Key, 3 * 1024 * 1024, RandomNumberGenerator.GetBytes(512), CancellationToken.None);
        await _client.Snapshots.CreateAsync(vm, "s2", "delta frozen", memory: false, quiesce: false, null, CancellationToken.None);
        var chain = (await _client.VirtualMachines.GetFactsAsync(vm, CancellationToken.None)).Disks[0].Chain;
        var frozen = chain.BelowTop!.Descriptor;
        var url = _client.Datastores.GetUrl(frozen).ToString();
        var guestView = await _sim.Control.ReadAsync(Vm.Moref, disk.Key, 0, (int)disk.CapacityBytes, CancellationToken.None);

        var seed = await CliRunner.RunAsync("merge", "--repo", Repo, "--series", "vm", "--disk", $"d={disk.Path}");
        using var credentials = new EnvironmentCredentials(_sim.Ready.Username, _sim.Ready.Password);
        var merged = await CliRunner.RunAsync(
            "merge", "--repo", Repo, "--series", "vm", "--parent", CliRunner.LastLine(seed.Out), "--disk", $"d={url}",
            "--vsphere-thumbprint", _sim.Ready.Thumbprint!);
        var materialized = await CliRunner.RunAsync(
            "repo", "materialize", "--repo", Repo, "--image", CliRunner.LastLine(merged.Out), "--disk", "d", "--out", Path.Combine(_dir, "out.vmdk"));

        (seed.Code, merged.Code, materialized.Code).Should().Be((0, 0, 0), $"{seed.Err}{merged.Err}{materialized.Err}");
        chain.DeltaCount.Should().Be(2, "the merged layer is the delta between s1 and s2");
        merged.Err.Should().NotContain(_sim.Ready.Password);
        (await File.ReadAllBytesAsync(Path.Combine(_dir, "out-flat.vmdk"))).Should().Equal(guestView);
    }

    [Fact]
    public async Task A_seed_reads_the_whole_chain_writes_the_result_file_and_takes_TLS_from_the_environment()
    {
        var vm = new ManagedObjectReference("VirtualMachine", Vm.Moref);
        var disk = Vm.Disks[0];
        await _sim.Control.WriteAsync(Vm.Moref, disk.Key, 2 * 1024 * 1024, RandomNumberGenerator.GetBytes(4096), CancellationToken.None);
        await _client.Snapshots.CreateAsync(vm, "s1", "base frozen", memory: false, quiesce: false, null, CancellationToken.None);
        await _sim.Control.WriteAsync(Vm.Moref, disk.Key, 100_000, RandomNumberGenerator.GetBytes(70_000), CancellationToken.None);
        await _client.Snapshots.CreateAsync(vm, "s2", "delta frozen", memory: false, quiesce: false, null, CancellationToken.None);
        var chain = (await _client.VirtualMachines.GetFactsAsync(vm, CancellationToken.None)).Disks[0].Chain;
        chain.DeltaCount.Should().Be(2, "the frozen layer of s2 has the base below it");
        var frozen = chain.BelowTop!.Descriptor;
        var guestView = await _sim.Control.ReadAsync(Vm.Moref, disk.Key, 0, (int)disk.CapacityBytes, CancellationToken.None);
        var resultFile = Path.Combine(Repo, "results", "seed.json");

        using var credentials = new EnvironmentCredentials(_sim.Ready.Username, _sim.Ready.Password, _sim.Ready.Thumbprint);
        var seed = await CliRunner.RunAsync(
            "merge", "--repo", Repo, "--series", "vm", "--disk-chain", $"d={_client.Datastores.GetUrl(frozen)}", "--result-file", resultFile);
        var materialized = await CliRunner.RunAsync(
            "repo", "materialize", "--repo", Repo, "--image", CliRunner.LastLine(seed.Out), "--disk", "d", "--out", Path.Combine(_dir, "seed.vmdk"));

        (seed.Code, materialized.Code).Should().Be((0, 0), $"{seed.Err}{materialized.Err}");
        (await File.ReadAllBytesAsync(Path.Combine(_dir, "seed-flat.vmdk"))).Should().Equal(guestView, "the seed is the disk seen through its whole chain");
        var result = await MergeResultFile.ReadAsync(resultFile, CancellationToken.None);
        result!.ManifestId.Should().Be(CliRunner.LastLine(seed.Out));
        result.LogicalBytes.Should().Be(disk.CapacityBytes);
    }

    [Fact]
    public async Task A_wrong_thumbprint_fails_naming_the_TLS_check_and_never_prints_the_password()
    {
        var url = _client.Datastores.GetUrl(DatastorePath.Parse(Vm.Disks[0].FileName)).ToString();
        var secret = Path.Combine(_dir, "secret");
        Directory.CreateDirectory(secret);
        await File.WriteAllTextAsync(Path.Combine(secret, "username"), _sim.Ready.Username);
        await File.WriteAllTextAsync(Path.Combine(secret, "password"), _sim.Ready.Password + "\n");

        var (code, _, error) = await CliRunner.RunAsync(
            "merge", "--repo", Repo, "--series", "vm", "--disk", $"d={url}", "--credentials-dir", secret,
            "--vsphere-thumbprint", Convert.ToHexString(SHA256.HashData([1, 2, 3])));

        code.Should().NotBe(0);
        error.Should().Contain("TLS check").And.Contain("--vsphere-thumbprint").And.NotContain(_sim.Ready.Password);
    }

    [Fact]
    public async Task Missing_credentials_and_a_missing_file_are_named()
    {
        var missing = _client.Datastores.GetUrl(new DatastorePath(_sim.Ready.DatastoreName, $"{Vm.Name}/absent-000009.vmdk")).ToString();

        var noVariables = await CliRunner.RunAsync(
            "merge", "--repo", Repo, "--series", "vm", "--disk", $"d={missing}", "--vsphere-thumbprint", _sim.Ready.Thumbprint!);
        var noCredentials = await CliRunner.RunAsync(
            "merge", "--repo", Repo, "--series", "vm", "--disk", $"d={missing}", "--vsphere-thumbprint", _sim.Ready.Thumbprint!,
            "--credentials-dir", Path.Combine(_dir, "absent"));
        using var credentials = new EnvironmentCredentials(_sim.Ready.Username, _sim.Ready.Password);
        var notFound = await CliRunner.RunAsync(
            "merge", "--repo", Repo, "--series", "vm", "--disk", $"d={missing}", "--vsphere-thumbprint", _sim.Ready.Thumbprint!);

        noVariables.Code.Should().Be(RepositoryCommandLine.BadInput);
        noVariables.Err.Should().Contain(VsphereCliOptions.UsernameVariable).And.Contain("absent-000009.vmdk");
        noCredentials.Code.Should().Be(RepositoryCommandLine.BadInput);
        noCredentials.Err.Should().Contain("--credentials-dir");
        notFound.Code.Should().Be(RepositoryCommandLine.BadInput);
        notFound.Err.Should().Contain("absent-000009.vmdk").And.Contain("not found");
    }

    /// <summary>Sets the credential variables for the duration of one test (only this class reads them).</summary>
    private sealed class EnvironmentCredentials : IDisposable
    {
        public EnvironmentCredentials(string username, string password, string? thumbprint = null)
        {
            Environment.SetEnvironmentVariable(VsphereCliOptions.UsernameVariable, username);
            Environment.SetEnvironmentVariable(VsphereCliOptions.PasswordVariable, password);
            Environment.SetEnvironmentVariable(VsphereCliOptions.ThumbprintVariable, thumbprint);
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable(VsphereCliOptions.UsernameVariable, null);
            Environment.SetEnvironmentVariable(VsphereCliOptions.PasswordVariable, null);
            Environment.SetEnvironmentVariable(VsphereCliOptions.ThumbprintVariable, null);
        }
    }
}
