using System.Diagnostics;
using SnapshotHa.RepositoryCli;

namespace SnapshotHa.Operator.Tests.Cli;

public sealed class RepositoryCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("snapshotha-cli-").FullName;

    private string Repo => Path.Combine(_dir, "repo");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Merge_prints_the_image_id_last_and_materialize_writes_what_qemu_reads_as_the_chain()
    {
        Qemu("qemu-img", "create", "-q", "-f", "vmdk", "-o", "subformat=monolithicFlat", "base.vmdk", "8M");
        Qemu("qemu-io", "-f", "vmdk", "-c", "write -P 0x5a 0 1M", "base.vmdk");
        Qemu("qemu-img", "create", "-q", "-f", "vmdk", "-b", "base.vmdk", "-F", "vmdk", "child.vmdk");
        Qemu("qemu-io", "-f", "vmdk", "-c", "write -P 0x6b 512k 4k", "-c", "write -P 0x7c 7M 512", "child.vmdk");

        var seed = await RunAsync("merge", "--repo", Repo, "--series", "vm-1", "--disk", $"scsi0:0={File("base.vmdk")}", "--point-in-time", "2026-01-31T12:00:00Z");
        var seedId = LastLine(seed.Out);
        var child = await RunAsync("merge", "--repo", Repo, "--series", "vm-1", "--parent", seedId, "--disk", $"scsi0:0={File("child.vmdk")}");
        var childId = LastLine(child.Out);
        var materialized = await RunAsync("repo", "materialize", "--repo", Repo, "--image", childId, "--disk", "scsi0:0", "--out", File("out/restored.vmdk"));
        var verify = await RunAsync("repo", "verify", "--repo", Repo);
        var list = await RunAsync("repo", "ls", "--repo", Repo);

        (seed.Code, child.Code, materialized.Code, verify.Code, list.Code).Should().Be((0, 0, 0, 0, 0));
        childId.Should().MatchRegex("^[0-9a-f]{32}$").And.NotBe(seedId);
        seed.Err.Should().Contain("scsi0:0");
        Qemu("qemu-img", "convert", "-f", "vmdk", "-O", "raw", "out/restored.vmdk", "ours.raw");
        Qemu("qemu-img", "convert", "-f", "vmdk", "-O", "raw", "child.vmdk", "oracle.raw");
        (await System.IO.File.ReadAllBytesAsync(File("ours.raw"))).Should().Equal(await System.IO.File.ReadAllBytesAsync(File("oracle.raw")));
        list.Out.Should().Contain(seedId).And.Contain(childId).And.Contain("2026-01-31T12:00:00Z");
    }

    [Theory]
    [InlineData("--disk", "nokey", "KEY=LAYER")]
    [InlineData("--disk", "d=/nonexistent/x.vmdk", "/nonexistent/x.vmdk")]
    [InlineData("--disk", "d=https://vc/folder/x.vmdk", "dcPath")]
    [InlineData("--disk", "d=https://u:p@vc/folder/x.vmdk?dcPath=dc&dsName=ds", "must not carry credentials")]
    [InlineData("--point-in-time", "yesterday", "--point-in-time")]
    [InlineData("--parent", "ffffffffffffffffffffffffffffffff", "ffffffffffffffffffffffffffffffff")]
    public async Task Merge_bad_input_exits_2_naming_the_option_or_file(string option, string value, string named)
    {
        Qemu("qemu-img", "create", "-q", "-f", "vmdk", "ok.vmdk", "1M");
        string[] arguments = option == "--disk"
            ? ["merge", "--repo", Repo, "--series", "s", option, value]
            : ["merge", "--repo", Repo, "--series", "s", "--disk", $"d={File("ok.vmdk")}", option, value];

        var (code, _, error) = await RunAsync(arguments);

        code.Should().Be(RepositoryCommandLine.BadInput);
        error.Should().Contain(named);
    }

    [Fact]
    public async Task A_malformed_layer_file_is_reported_by_name()
    {
        System.IO.File.WriteAllText(File("garbage.vmdk"), "not a disk");

        var (code, _, error) = await RunAsync("merge", "--repo", Repo, "--series", "s", "--disk", $"d={File("garbage.vmdk")}");

        code.Should().Be(RepositoryCommandLine.BadInput);
        error.Should().Contain("garbage.vmdk");
    }

    [Fact]
    public async Task Verify_exits_1_when_a_chunk_is_corrupt()
    {
        Qemu("qemu-img", "create", "-q", "-f", "vmdk", "base.vmdk", "4M");
        Qemu("qemu-io", "-f", "vmdk", "-c", "write -P 0x11 0 256k", "base.vmdk");
        (await RunAsync("merge", "--repo", Repo, "--series", "s", "--disk", $"d={File("base.vmdk")}")).Code.Should().Be(0);
        var pack = Directory.EnumerateFiles(Path.Combine(Repo, "packs"), "*.pack").Single();
        var bytes = System.IO.File.ReadAllBytes(pack);
        bytes[100] ^= 0xff; // inside an object, after the pack header
        System.IO.File.WriteAllBytes(pack, bytes);

        var (code, output, error) = await RunAsync("repo", "verify", "--repo", Repo);

        code.Should().Be(RepositoryCommandLine.Failed);
        output.Should().StartWith("FAILED");
        error.Should().Contain("corrupt").And.MatchRegex("[0-9a-f]{64}");
    }

    [Fact]
    public async Task Repo_commands_on_a_directory_that_is_no_repository_exit_2()
    {
        var (code, _, error) = await RunAsync("repo", "ls", "--repo", File("nothing-here"));

        code.Should().Be(RepositoryCommandLine.BadInput);
        error.Should().Contain("nothing-here").And.Contain("not a SnapshotHA repository");
    }

    private static string LastLine(string text) => CliRunner.LastLine(text);

    private string File(string name) => Path.Combine(_dir, name);

    private void Qemu(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"{tool} {string.Join(' ', arguments)} failed: {error}");
    }

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRunner.RunAsync(args);
}
