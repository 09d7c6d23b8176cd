using System.Collections.Frozen;
using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Faults;

/// <summary>
/// Maps vim25 fault elements (SOAP fault details, task errors, missing-property faults) to typed exceptions and
/// classifies which of them are worth a retry.
/// </summary>
public static class VimFaults
{
    private delegate VimFaultException Factory(string type, string message, XElement? detail);

    private static readonly FrozenDictionary<string, Factory> Factories = new Dictionary<string, Factory>
    {
        ["InvalidLogin"] = (t, m, d) => new InvalidLoginException(t, m, d),
        ["NotAuthenticated"] = (t, m, d) => new NotAuthenticatedException(t, m, d),
        ["TaskInProgress"] = (t, m, d) => new TaskInProgressException(t, m, d),
        ["InvalidState"] = (t, m, d) => new InvalidStateException(t, m, d),
        ["InvalidHostState"] = (t, m, d) => new InvalidStateException(t, m, d),
        ["InvalidDatastoreState"] = (t, m, d) => new InvalidStateException(t, m, d),
        ["InvalidPowerState"] = (t, m, d) => new InvalidPowerStateException(t, m, d),
        ["FileFault"] = (t, m, d) => new FileFaultException(t, m, d),
        ["CannotAccessFile"] = (t, m, d) => new FileFaultException(t, m, d),
        ["FileAlreadyExists"] = (t, m, d) => new FileFaultException(t, m, d),
        ["FileNotWritable"] = (t, m, d) => new FileFaultException(t, m, d),
        ["FileNotFound"] = (t, m, d) => new VimFileNotFoundException(t, m, d),
        ["FileLocked"] = (t, m, d) => new FileLockedException(t, m, d),
        ["ManagedObjectNotFound"] = (t, m, d) => new ManagedObjectNotFoundException(t, m, d),
        ["MethodNotFound"] = (t, m, d) => new MethodNotFoundException(t, m, d),
        ["InvalidArgument"] = (t, m, d) => new InvalidArgumentException(t, m, d),
        ["InvalidProperty"] = (t, m, d) => new InvalidPropertyException(t, m, d),
        ["RequestCanceled"] = (t, m, d) => new RequestCanceledException(t, m, d),
        ["SnapshotFault"] = (t, m, d) => new SnapshotFaultException(t, m, d),
        ["SnapshotLocked"] = (t, m, d) => new SnapshotFaultException(t, m, d),
        ["SnapshotDisabled"] = (t, m, d) => new SnapshotFaultException(t, m, d),
        ["SnapshotNoChange"] = (t, m, d) => new SnapshotFaultException(t, m, d),
        ["TooManySnapshotLevels"] = (t, m, d) => new SnapshotFaultException(t, m, d),
        ["MultipleSnapshotNotSupported"] = (t, m, d) => new SnapshotFaultException(t, m, d),
        ["NotFound"] = (t, m, d) => new NotFoundException(t, m, d),
        ["AlreadyExists"] = (t, m, d) => new AlreadyExistsException(t, m, d),
        ["HostCommunication"] = (t, m, d) => new HostCommunicationException(t, m, d),
        ["HostNotConnected"] = (t, m, d) => new HostCommunicationException(t, m, d),
        ["HostNotReachable"] = (t, m, d) => new HostCommunicationException(t, m, d),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Creates the typed exception for a fault of <paramref name="faultType"/>; unknown types give a plain
    /// <see cref="VimFaultException"/>.
    /// </summary>
    /// <param name="faultType">The vim25 fault type name (xsi:type), e.g. <c>InvalidPowerState</c>.</param>
    /// <param name="operation">The method or task that failed, used in the message.</param>
    /// <param name="serverMessage">The server's fault string or localized message; may be empty.</param>
    /// <param name="detail">The fault element with its fields.</param>
    public static VimFaultException Create(string faultType, string operation, string? serverMessage, XElement? detail)
    {
        ArgumentNullException.ThrowIfNull(faultType);
        var text = string.IsNullOrWhiteSpace(serverMessage) ? faultType : $"{faultType}: {serverMessage.Trim()}";
        var message = $"{operation} failed with {text}";
        return Factories.TryGetValue(faultType, out var factory)
            ? factory(faultType, message, detail)
            : new VimFaultException(faultType, message, detail);
    }

    /// <summary>
    /// Creates the exception for a <c>LocalizedMethodFault</c> element (a task's <c>info.error</c> or a property's
    /// <c>missingSet[].fault</c>): <c>&lt;fault xsi:type="X"&gt;…&lt;/fault&gt;&lt;localizedMessage&gt;…</c>.
    /// </summary>
    public static VimFaultException FromLocalizedMethodFault(XElement localizedFault, string operation)
    {
        ArgumentNullException.ThrowIfNull(localizedFault);
        var fault = localizedFault.Child("fault");
        var type = fault?.XsiType() ?? "VimFault";
        return Create(type, operation, localizedFault.Text("localizedMessage"), fault);
    }

    /// <summary>
    /// Creates the exception for a SOAP <c>Fault</c> element: the type comes from the detail's <c>xsi:type</c>, or
    /// its element name without the <c>Fault</c> suffix.
    /// </summary>
    public static VimFaultException FromSoapFault(XElement soapFault, string operation)
    {
        ArgumentNullException.ThrowIfNull(soapFault);
        var faultString = soapFault.Elements().FirstOrDefault(e => e.Name.LocalName == "faultstring")?.Value;
        var detail = soapFault.Elements().FirstOrDefault(e => e.Name.LocalName == "detail")?.Elements().FirstOrDefault();
        var type = detail?.XsiType() ?? StripFaultSuffix(detail?.Name.LocalName) ?? "VimFault";
        return Create(type, operation, faultString, detail);
    }

    /// <summary>
    /// Gets whether a failure may succeed when the same call is repeated: busy objects, locked files, unreachable
    /// hosts, transient HTTP statuses. Such faults guarantee the method had no effect.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        TaskInProgressException or FileLockedException or HostCommunicationException => true,
        VimHttpException http => http.IsTransient,
        _ => false,
    };

    private static string? StripFaultSuffix(string? elementName) =>
        elementName is not null && elementName.EndsWith("Fault", StringComparison.Ordinal) && elementName.Length > 5
            ? elementName[..^5]
            : elementName;
}
