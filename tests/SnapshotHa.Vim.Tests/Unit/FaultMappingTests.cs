using System.Net;
using System.Net.Http;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Tests.Unit;

public sealed class FaultMappingTests
{
    [Fact]
    public async Task Login_failure_maps_to_InvalidLogin_with_the_fault_string()
    {
        var fault = VimFaults.FromSoapFault(await Recorded.BodyAsync("login-invalid.xml"), "Login");

        fault.Should().BeOfType<InvalidLoginException>();
        fault.Message.Should().Be("Login failed with InvalidLogin: Login failure");
    }

    [Fact]
    public async Task Managed_object_not_found_carries_the_object()
    {
        var fault = VimFaults.FromSoapFault(await Recorded.BodyAsync("fault-managed-object-not-found.xml"), "RemoveSnapshot_Task");

        fault.Should().BeOfType<ManagedObjectNotFoundException>()
            .Which.ManagedObject.Should().Be(new ManagedObjectReference("VirtualMachineSnapshot", "snapshot-999"));
        fault.Message.Should().Contain("managed object not found");
    }

    [Fact]
    public async Task Method_not_found_carries_the_method()
    {
        var fault = VimFaults.FromSoapFault(await Recorded.BodyAsync("fault-method-not-found.xml"), "ConsolidateVMDisks_Task");

        fault.Should().BeOfType<MethodNotFoundException>().Which.Method.Should().Be("ConsolidateVMDisks_Task");
    }

    [Fact]
    public async Task Not_authenticated_with_an_empty_fault_string_names_the_type()
    {
        var fault = VimFaults.FromSoapFault(await Recorded.BodyAsync("fault-not-authenticated.xml"), "PowerOnVM_Task");

        var typed = fault.Should().BeOfType<NotAuthenticatedException>().Subject;
        typed.PrivilegeId.Should().Be("System.View");
        typed.ManagedObject.Should().Be(new ManagedObjectReference("VirtualMachine", "vm-9"));
        typed.Message.Should().Be("PowerOnVM_Task failed with NotAuthenticated");
    }

    [Fact]
    public async Task Detail_without_xsi_type_is_named_by_its_element()
    {
        var body = await Recorded.ParseAsync(Recorded.Envelope(
            "<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>busy</faultstring><detail>"
            + "<TaskInProgressFault xmlns=\"urn:vim25\"><task type=\"Task\">task-3</task></TaskInProgressFault></detail></soapenv:Fault>"));

        var fault = VimFaults.FromSoapFault(body!, "CreateSnapshot_Task");

        fault.Should().BeOfType<TaskInProgressException>().Which.Task.Should().Be(new ManagedObjectReference("Task", "task-3"));
    }

    [Fact]
    public void Unknown_fault_type_keeps_its_name_on_the_base_exception()
    {
        var fault = VimFaults.Create("NoDiskSpace", "CreateSnapshot_Task", "datastore full", null);

        fault.GetType().Should().Be<VimFaultException>();
        fault.FaultType.Should().Be("NoDiskSpace");
        fault.Message.Should().Contain("datastore full");
    }

    [Theory]
    [InlineData("InvalidPowerState", typeof(InvalidPowerStateException))]
    [InlineData("InvalidHostState", typeof(InvalidStateException))]
    [InlineData("FileNotFound", typeof(VimFileNotFoundException))]
    [InlineData("FileLocked", typeof(FileLockedException))]
    [InlineData("CannotAccessFile", typeof(FileFaultException))]
    [InlineData("TooManySnapshotLevels", typeof(SnapshotFaultException))]
    [InlineData("HostNotConnected", typeof(HostCommunicationException))]
    [InlineData("AlreadyExists", typeof(AlreadyExistsException))]
    [InlineData("RequestCanceled", typeof(RequestCanceledException))]
    [InlineData("NotFound", typeof(NotFoundException))]
    [InlineData("InvalidProperty", typeof(InvalidPropertyException))]
    public void Fault_types_map_to_their_exceptions(string type, Type expected) =>
        VimFaults.Create(type, "Op", null, null).Should().BeOfType(expected);

    [Fact]
    public void Transient_faults_are_retried_and_permanent_ones_are_not()
    {
        VimFaults.IsTransient(new TaskInProgressException("TaskInProgress", "x", null)).Should().BeTrue();
        VimFaults.IsTransient(new FileLockedException("FileLocked", "x", null)).Should().BeTrue();
        VimFaults.IsTransient(new VimHttpException(HttpStatusCode.ServiceUnavailable, "x")).Should().BeTrue();
        VimFaults.IsTransient(new InvalidStateException("InvalidState", "x", null)).Should().BeFalse();
        VimFaults.IsTransient(new VimHttpException(HttpStatusCode.NotFound, "x")).Should().BeFalse();
    }

    [Fact]
    public void Network_errors_are_retried_only_for_idempotent_calls_unless_nothing_was_sent()
    {
        var dropped = new HttpRequestException("reset", null, HttpStatusCode.OK) as Exception;
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused");
        var tls = new HttpRequestException(HttpRequestError.SecureConnectionError, "bad certificate");

        VimRetryPipelines.IsRetryable(dropped, idempotent: true).Should().BeTrue();
        VimRetryPipelines.IsRetryable(dropped, idempotent: false).Should().BeFalse();
        VimRetryPipelines.IsRetryable(refused, idempotent: false).Should().BeTrue();
        VimRetryPipelines.IsRetryable(tls, idempotent: true).Should().BeFalse();
        VimRetryPipelines.IsRetryable(new IOException("eof"), idempotent: false).Should().BeFalse();
    }
}
