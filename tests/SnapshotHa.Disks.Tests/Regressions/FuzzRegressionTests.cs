using SnapshotHa.Disks.Sources;
using SnapshotHa.Disks.Tests.Support;
using SnapshotHa.Disks.Vmdk;
using SnapshotHa.Fuzz.Targets;

namespace SnapshotHa.Disks.Tests.Regressions;

/// <summary>Inputs the fuzzer once crashed on (Regressions/Inputs/TARGET/*) stay handled; seeds stay valid.</summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(AppContext.BaseDirectory, "Regressions", "Inputs");
        foreach (var directory in Directory.Exists(root) ? Directory.GetDirectories(root) : [])
        {
            foreach (var file in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(directory), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Former_crash_input_is_handled(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Regressions", "Inputs", target, file));

        var run = () => FuzzTargets.Get(target).Run(input);

        run.Should().NotThrow();
    }

    [Theory]
    [InlineData("kdmv")]
    [InlineData("cowd")]
    [InlineData("sesparse")]
    [InlineData("streamoptimized")]
    public async Task Disk_seeds_are_valid_layers_with_allocated_ranges(string target)
    {
        foreach (var (name, bytes) in FuzzTargets.Get(target).Seeds())
        {
            var resolver = new MemoryExtentResolver(new Dictionary<string, byte[]> { [name] = bytes });
            await using var layer = await VmdkLayer.OpenAsync(resolver, name, CancellationToken.None);

            (await DiskReading.AllocatedAsync(layer)).Should().NotBeEmpty($"seed {name} of {target} must exercise the tables");
        }
    }

    [Fact]
    public void Descriptor_seeds_parse()
    {
        foreach (var (name, bytes) in FuzzTargets.Get("descriptor").Seeds())
        {
            var parse = () => SnapshotHa.Disks.Descriptors.VmdkDescriptor.Parse(System.Text.Encoding.UTF8.GetString(bytes), name);

            parse.Should().NotThrow(name);
        }
    }
}
