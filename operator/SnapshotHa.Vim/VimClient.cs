using System.Net;
using System.Net.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SnapshotHa.Vim.Datastores;
using SnapshotHa.Vim.Hosts;
using SnapshotHa.Vim.Properties;
using SnapshotHa.Vim.Session;
using SnapshotHa.Vim.Snapshots;
using SnapshotHa.Vim.Soap;
using SnapshotHa.Vim.Tasks;
using SnapshotHa.Vim.Tls;
using SnapshotHa.Vim.VirtualMachines;

namespace SnapshotHa.Vim;

/// <summary>
/// A connected, logged-in vim25 client for one ESXi host or vCenter. Calls are grouped by concern
/// (<see cref="VirtualMachines"/>, <see cref="Snapshots"/>, <see cref="Hosts"/>, <see cref="Datastores"/>,
/// <see cref="Tasks"/>, <see cref="Properties"/>). The session is renewed transparently when the server drops it,
/// kept alive while idle, and logged out on dispose. Thread-safe: one client serves concurrent callers.
/// </summary>
public sealed class VimClient : IVimClient
{
    private readonly HttpClient _http;
    private readonly VimSession _session;
    private readonly KeepAlive _keepAlive;
    private readonly VimInvoker _invoker;

    private VimClient(VimConnectionOptions options, HttpMessageHandler handler, ILoggerFactory loggerFactory, TimeProvider time)
    {
        Options = options;
        var logger = loggerFactory.CreateLogger("SnapshotHa.Vim");
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("SnapshotHA-vim25/1.0");
        var cookie = new SessionCookie();
        var soap = new SoapClient(_http, options.SdkUrl, cookie, options.Timeout, time);
        var retry = new VimRetryPipelines(options, time, logger);
        _session = new VimSession(soap, cookie, options, retry, logger);
        _invoker = new VimInvoker(soap, _session, retry, logger);
        _keepAlive = new KeepAlive(_invoker, options.KeepAliveInterval, time, logger, options.SdkUrl.GetLeftPart(UriPartial.Authority));
        Properties = new PropertyCollector(_invoker, options, logger);
        Tasks = new TaskService(_invoker, Properties, options, time, logger);
        Snapshots = new SnapshotService(Properties, Tasks);
        VirtualMachines = new VirtualMachineService(_invoker, Properties, Tasks);
        Hosts = new HostService(Properties);
        Datastores = new DatastoreFileClient(_http, _invoker, cookie, options, time, logger);
    }

    /// <summary>Gets the options the client was created with (<c>ToString</c> hides the password).</summary>
    public VimConnectionOptions Options { get; }

    /// <summary>Gets the server's entry points and product information.</summary>
    public ServiceContent ServiceContent => _session.Content;

    /// <summary>
    /// Gets how many times the client logged in again because the server dropped its session (NotAuthenticated);
    /// 0 while the first session lasts.
    /// </summary>
    public int SessionRenewals => Math.Max(0, _session.Generation - 1);

    /// <summary>Gets the current login session, or null after logout.</summary>
    public UserSession? CurrentSession => _session.Current;

    /// <summary>Gets property retrieval and watches.</summary>
    public PropertyCollector Properties { get; }

    /// <summary>Gets task waiting.</summary>
    public TaskService Tasks { get; }

    /// <summary>Gets snapshot operations.</summary>
    public SnapshotService Snapshots { get; }

    /// <summary>Gets VM facts and life cycle.</summary>
    public VirtualMachineService VirtualMachines { get; }

    /// <summary>Gets host health.</summary>
    public HostService Hosts { get; }

    /// <summary>Gets datastore file transfer.</summary>
    public DatastoreFileClient Datastores { get; }

    /// <inheritdoc />
    IVirtualMachineService IVimClient.VirtualMachines => VirtualMachines;

    /// <inheritdoc />
    ISnapshotService IVimClient.Snapshots => Snapshots;

    /// <inheritdoc />
    IHostService IVimClient.Hosts => Hosts;

    /// <inheritdoc />
    IDatastoreFileClient IVimClient.Datastores => Datastores;

    /// <summary>
    /// Connects: checks the options, sets up TLS verification, retrieves the service content and logs in.
    /// </summary>
    /// <param name="options">Endpoint, credentials, TLS and timeouts.</param>
    /// <param name="loggerFactory">Logging; null logs nothing.</param>
    /// <param name="timeProvider">Clock for timeouts, retries and keep-alive; null uses the system clock.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    /// <exception cref="Faults.InvalidLoginException">The credentials were rejected.</exception>
    /// <exception cref="HttpRequestException">The endpoint is unreachable or its TLS certificate was refused.</exception>
    public static Task<VimClient> ConnectAsync(
        VimConnectionOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        var validator = new CertificateValidator(options, loggerFactory.CreateLogger("SnapshotHa.Vim.Tls"));
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validator.Validate },
        };
        return ConnectAsync(options, handler, loggerFactory, timeProvider, cancellationToken);
    }

    /// <summary>Connects over a given handler (tests).</summary>
    internal static async Task<VimClient> ConnectAsync(
        VimConnectionOptions options, HttpMessageHandler handler, ILoggerFactory? loggerFactory, TimeProvider? timeProvider,
        CancellationToken cancellationToken)
    {
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        var client = new VimClient(options, handler, loggerFactory, timeProvider ?? TimeProvider.System);
        try
        {
            if (options.SdkUrl.Scheme == Uri.UriSchemeHttp)
            {
                Session.Log.PlainHttp(loggerFactory.CreateLogger("SnapshotHa.Vim"), options.SdkUrl.GetLeftPart(UriPartial.Authority));
            }

            await client._session.ConnectAsync(cancellationToken);
            if (options.DatacenterPath is null && !client.ServiceContent.About.IsHostAgent)
            {
                var datacenters = await client.Properties.ListAsync("Datacenter", ["name"], cancellationToken);
                client.Datastores.DiscoveredDatacenter = datacenters.Count == 1 ? datacenters[0].Text("name") : null;
            }

            client._keepAlive.Start();
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads the server's clock (<c>CurrentTime</c>); also a cheap liveness check.</summary>
    public Task<DateTimeOffset> GetCurrentTimeAsync(CancellationToken cancellationToken) =>
        _invoker.InvokeAsync(
            VimXml.Element("CurrentTime", VimXml.Moref("_this", ServiceContent.ServiceInstance)),
            r => r.Time("returnval") ?? throw new Faults.VimProtocolException("CurrentTime returned no time."),
            idempotent: true,
            cancellationToken);

    /// <summary>Logs out; later calls fail until the client is disposed and a new one connects.</summary>
    public Task LogoutAsync(CancellationToken cancellationToken) => _session.LogoutAsync(cancellationToken);

    /// <summary>Stops the keep-alive, logs out (best effort, 10 s at most) and releases the connection pool.</summary>
    public async ValueTask DisposeAsync()
    {
        await _keepAlive.DisposeAsync();
        try
        {
            using var logoutTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _session.LogoutAsync(logoutTimeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Logout is a courtesy; the server expires the session anyway.
        }

        _session.Dispose();
        _http.Dispose();
    }
}
