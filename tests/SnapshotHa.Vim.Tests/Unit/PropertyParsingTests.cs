using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.Session;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Tests.Unit;

public sealed class PropertyParsingTests
{
    [Fact]
    public async Task Service_content_names_the_entry_points()
    {
        var content = ServiceContent.Parse((await Recorded.BodyAsync("service-content.xml")).Child("returnval")!);

        content.About.ApiType.Should().Be("HostAgent");
        content.About.ApiVersion.Should().Be("6.5");
        content.PropertyCollector.Should().Be(new ManagedObjectReference("PropertyCollector", "ha-property-collector"));
        content.SessionManager.Value.Should().Be("ha-sessionmgr");
        content.ViewManager.Should().NotBeNull();
    }

    [Fact]
    public async Task Values_typed_under_a_generated_prefix_are_read_by_namespace()
    {
        var result = RetrieveResult.Parse(await Recorded.BodyAsync("vm-facts.xml"));

        var vm = result.Objects.Should().ContainSingle().Subject;
        result.Token.Should().BeNull();
        vm["runtime.host"]!.XsiType().Should().Be("ManagedObjectReference");
        vm["config.files.vmPathName"]!.XsiType().Should().Be("string");
        vm.Text("runtime.powerState").Should().Be("poweredOn");
    }

    [Theory]
    [InlineData("<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval></returnval></RetrievePropertiesExResponse>")]
    [InlineData("<RetrievePropertiesExResponse xmlns=\"urn:vim25\"></RetrievePropertiesExResponse>")]
    public async Task Empty_or_missing_returnval_is_an_empty_result(string body)
    {
        var result = RetrieveResult.Parse((await Recorded.ParseAsync(Recorded.Envelope(body)))!);

        result.Objects.Should().BeEmpty();
        result.Token.Should().BeNull();
    }

    [Fact]
    public async Task Continuation_token_is_read()
    {
        var result = RetrieveResult.Parse((await Recorded.ParseAsync(Recorded.Envelope(
            "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval><token>page-2</token><objects><obj type=\"HostSystem\">host-1</obj>"
            + "<propSet><name>name</name><val xmlns:x=\"http://www.w3.org/2001/XMLSchema-instance\" x:type=\"xsd:string\">esx1</val></propSet>"
            + "</objects></returnval></RetrievePropertiesExResponse>")))!);

        result.Token.Should().Be("page-2");
        result.Objects.Single().Text("name").Should().Be("esx1");
    }

    [Fact]
    public async Task Missing_set_NotAuthenticated_inside_a_successful_answer_throws()
    {
        var body = await Recorded.BodyAsync("retrieve-missing-not-authenticated.xml");

        var act = () => RetrieveResult.Parse(body);

        act.Should().Throw<NotAuthenticatedException>().Which.PrivilegeId.Should().Be("System.Read");
    }

    [Fact]
    public async Task Other_missing_properties_are_reported_not_thrown()
    {
        var result = RetrieveResult.Parse((await Recorded.ParseAsync(Recorded.Envelope(
            "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval><objects><obj type=\"VirtualMachine\">vm-9</obj><missingSet><path>bogus</path>"
            + "<fault><fault xmlns:x=\"http://www.w3.org/2001/XMLSchema-instance\" x:type=\"InvalidProperty\"><name>bogus</name></fault></fault>"
            + "</missingSet></objects></returnval></RetrievePropertiesExResponse>")))!);

        var missing = result.Objects.Single().MissingSet.Should().ContainSingle().Subject;
        missing.Path.Should().Be("bogus");
        missing.Fault.Should().BeOfType<InvalidPropertyException>().Which.Name.Should().Be("bogus");
    }

    [Fact]
    public async Task Update_set_enter_carries_the_full_state()
    {
        var (version, truncated, updates) = ObjectUpdate.ParseUpdateSet(await Recorded.BodyAsync("wait-enter.xml"));

        version.Should().Be("-");
        truncated.Should().BeFalse();
        var update = updates.Should().ContainSingle().Subject;
        update.Kind.Should().Be(ObjectUpdateKind.Enter);
        update.ManagedObject.Should().Be(new ManagedObjectReference("VirtualMachine", "vm-9"));
        update.Changes.Select(c => c.Name).Should().BeEquivalentTo("runtime.powerState", "snapshot");
    }

    [Fact]
    public async Task Update_set_modify_and_timeout()
    {
        var (_, _, modified) = ObjectUpdate.ParseUpdateSet(await Recorded.BodyAsync("wait-modify.xml"));
        var (version, _, none) = ObjectUpdate.ParseUpdateSet(await Recorded.BodyAsync("wait-empty.xml"));

        modified.Single().Kind.Should().Be(ObjectUpdateKind.Modify);
        modified.Single().Changes.Single().Value!.Value.Should().Be("poweredOff");
        version.Should().BeNull();
        none.Should().BeEmpty();
    }

    [Fact]
    public async Task Update_set_reports_truncation()
    {
        var body = await Recorded.BodyAsync("wait-modify.xml");
        body.Descendants().Single(e => e.Name.LocalName == "version").AddAfterSelf(
            new System.Xml.Linq.XElement(body.Name.Namespace + "truncated", "true"));

        var (_, truncated, updates) = ObjectUpdate.ParseUpdateSet(body);

        truncated.Should().BeTrue();
        updates.Should().ContainSingle();
    }

    [Fact]
    public void Filter_spec_writes_traversal_with_xsi_type()
    {
        var view = new ManagedObjectReference("ContainerView", "session[1]view");

        var xml = PropertyFilterSpec.ForContainerView(view, "HostSystem", "name").ToXml("specSet");

        xml.Descendant("objectSet.selectSet")!.XsiType().Should().Be("TraversalSpec");
        xml.Descendant("objectSet.skip")!.Value.Should().Be("true");
        xml.Descendant("propSet.pathSet")!.Value.Should().Be("name");
    }

    [Fact]
    public async Task Non_soap_answer_is_a_protocol_error()
    {
        var act = () => Recorded.ParseAsync("<html><body>proxy error</body></html>");

        await act.Should().ThrowAsync<VimProtocolException>().WithMessage("*not a SOAP envelope*");
    }

    [Fact]
    public async Task Dtd_is_refused()
    {
        var act = () => Recorded.ParseAsync("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>");

        await act.Should().ThrowAsync<VimProtocolException>();
    }
}
