using SnapshotHa.Disks.Sources;
using SnapshotHa.Disks.Tests.Support;

namespace SnapshotHa.Disks.Tests.Sources;

public sealed class DirectoryExtentResolverTests
{
    [Fact]
    public async Task Opens_a_file_inside_the_directory_and_reads_it()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("sub"));
        await File.WriteAllBytesAsync(dir.File("sub/a.bin"), [1, 2, 3]);

        await using var source = await new DirectoryExtentResolver(dir.Path).OpenAsync("sub/a.bin", CancellationToken.None);
        var buffer = new byte[8];
        var read = await source.ReadAsync(1, buffer, CancellationToken.None);

        source.Length.Should().Be(3);
        read.Should().Be(2);
        buffer[..2].Should().Equal(2, 3);
    }

    [Theory]
    [InlineData("../outside.bin")]
    [InlineData("sub/../../outside.bin")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    public async Task Refuses_names_that_escape(string name)
    {
        using var dir = new TempDirectory();
        var resolver = new DirectoryExtentResolver(dir.Path);

        var open = async () => await resolver.OpenAsync(name, CancellationToken.None);

        await open.Should().ThrowAsync<UnauthorizedAccessException>();
    }

    [Fact]
    public async Task Refuses_a_symbolic_link_that_points_outside()
    {
        using var outside = new TempDirectory();
        using var dir = new TempDirectory();
        await File.WriteAllBytesAsync(outside.File("secret.bin"), [9]);
        File.CreateSymbolicLink(dir.File("link.vmdk"), outside.File("secret.bin"));
        Directory.CreateSymbolicLink(dir.File("linkdir"), outside.Path);
        var resolver = new DirectoryExtentResolver(dir.Path);

        var viaFile = async () => await resolver.OpenAsync("link.vmdk", CancellationToken.None);
        var viaDirectory = async () => await resolver.OpenAsync("linkdir/secret.bin", CancellationToken.None);

        await viaFile.Should().ThrowAsync<UnauthorizedAccessException>();
        await viaDirectory.Should().ThrowAsync<UnauthorizedAccessException>();
    }

    [Fact]
    public async Task Missing_file_is_file_not_found()
    {
        using var dir = new TempDirectory();

        var open = async () => await new DirectoryExtentResolver(dir.Path).OpenAsync("nope.vmdk", CancellationToken.None);

        await open.Should().ThrowAsync<FileNotFoundException>();
    }
}
