using SnapshotHa.Vim.Datastores;

namespace SnapshotHa.Vim.Tests.Unit;

public sealed class DatastorePathTests
{
    [Fact]
    public void Parses_and_prints_the_vsphere_notation()
    {
        var path = DatastorePath.Parse("[datastore 1] my vm/my vm-000001-delta.vmdk");

        path.Datastore.Should().Be("datastore 1");
        path.Folder.Should().Be("my vm");
        path.FileName.Should().Be("my vm-000001-delta.vmdk");
        path.ToString().Should().Be("[datastore 1] my vm/my vm-000001-delta.vmdk");
        path.Sibling("my vm-flat.vmdk").Should().Be(new DatastorePath("datastore 1", "my vm/my vm-flat.vmdk"));
    }

    [Theory]
    [InlineData("no-brackets/vm.vmdk")]
    [InlineData("[] vm.vmdk")]
    [InlineData("[unterminated vm.vmdk")]
    public void Rejects_text_without_a_datastore(string text)
    {
        var act = () => DatastorePath.Parse(text);

        act.Should().Throw<FormatException>().WithMessage($"*{text}*");
    }

    [Theory]
    [InlineData("../other/vm-flat.vmdk")]
    [InlineData("sub/vm-flat.vmdk")]
    [InlineData("..")]
    public void Sibling_must_stay_in_the_folder(string name)
    {
        var act = () => DatastorePath.Parse("[ds] vm/vm.vmdk").Sibling(name);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Folder_url_escapes_segments_and_names_datacenter_and_datastore()
    {
        var url = DatastoreUrl.Build(new Uri("https://esx1.example.com/sdk"), "ha-datacenter", DatastorePath.Parse("[ds 1] my vm/a#b.vmdk"));

        url.AbsoluteUri.Should().Be("https://esx1.example.com/folder/my%20vm/a%23b.vmdk?dcPath=ha-datacenter&dsName=ds%201");
    }

    [Theory]
    [InlineData("../escape-flat.vmdk")]
    [InlineData("/vmfs/volumes/ds/vm-flat.vmdk")]
    [InlineData("[ds] vm/vm-flat.vmdk")]
    [InlineData("sub/vm-flat.vmdk")]
    [InlineData("C:\\vm-flat.vmdk")]
    public async Task Extent_resolver_refuses_names_outside_the_folder(string name)
    {
        var resolver = new DatastoreExtentResolver(null!, DatastorePath.Parse("[ds] vm/vm.vmdk"));

        var act = () => resolver.OpenAsync(name, CancellationToken.None).AsTask();

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*[ds] vm/vm.vmdk*");
    }
}
