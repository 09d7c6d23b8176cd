using Microsoft.Extensions.Logging;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Session;

/// <summary>
/// The SOAP session: ServiceContent, Login with the configured credentials, re-login after the server dropped the
/// session (once per loss, however many calls noticed it), Logout. The password is sent only inside Login and never
/// logged.
/// </summary>
internal sealed class VimSession(SoapClient soap, SessionCookie cookie, VimConnectionOptions options, VimRetryPipelines retry, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ServiceContent? _content;
    private int _generation;
    private bool _loggedOut;

    /// <summary>Gets the service content; available after <see cref="ConnectAsync"/>.</summary>
    public ServiceContent Content => _content ?? throw new InvalidOperationException("The client is not connected.");

    /// <summary>Gets the current user session, or null when logged out.</summary>
    public UserSession? Current { get; private set; }

    /// <summary>Gets a number that grows with every login; used to log in again only once per session loss.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Retrieves the service content and logs in.</summary>
    /// <exception cref="InvalidLoginException">The credentials were rejected.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var request = VimXml.Element("RetrieveServiceContent", VimXml.Moref("_this", ServiceContent.ServiceInstance));
        var response = await retry.Read.ExecuteAsync(
            async token => await soap.SendAsync(request, TimeSpan.Zero, token), cancellationToken);
        _content = ServiceContent.Parse(response.Child("returnval")
            ?? throw new VimProtocolException("RetrieveServiceContent returned no service content."));
        soap.ApiVersion = options.ApiVersion ?? (_content.About.ApiVersion is { Length: > 0 } v ? v : soap.ApiVersion);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LoginAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        Log.Connected(logger, options.SdkUrl.GetLeftPart(UriPartial.Authority), options.Username, _content.About.FullName, _content.About.ApiVersion);
    }

    /// <summary>
    /// Logs in again unless another caller already did since <paramref name="observedGeneration"/> was read.
    /// </summary>
    public async Task ReloginAsync(int observedGeneration, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Generation != observedGeneration)
            {
                return;
            }

            if (_loggedOut)
            {
                throw new InvalidOperationException("The client logged out; connect a new client.");
            }

            await LoginAsync(cancellationToken);
            Log.SessionRenewed(logger, options.SdkUrl.GetLeftPart(UriPartial.Authority), options.Username);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Logs out (best effort: a session the server already dropped is fine).</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        if (_content is null || Current is null)
        {
            return;
        }

        var request = VimXml.Element("Logout", VimXml.Moref("_this", _content.SessionManager));
        try
        {
            await soap.SendAsync(request, TimeSpan.Zero, cancellationToken);
        }
        catch (NotAuthenticatedException)
        {
            // The server had already ended the session.
        }

        Current = null;
        _loggedOut = true;
        cookie.Clear();
        Log.LoggedOut(logger, options.SdkUrl.GetLeftPart(UriPartial.Authority), options.Username);
    }

    private async Task LoginAsync(CancellationToken cancellationToken)
    {
        cookie.Clear();
        var request = VimXml.Element(
            "Login",
            VimXml.Moref("_this", Content.SessionManager),
            VimXml.Element("userName", options.Username),
            VimXml.Element("password", options.Password));
        var response = await retry.Write.ExecuteAsync(
            async token => await soap.SendAsync(request, TimeSpan.Zero, token), cancellationToken);
        Current = UserSession.Parse(response.Child("returnval")
            ?? throw new VimProtocolException("Login returned no user session."));
        Interlocked.Increment(ref _generation);
    }

    /// <summary>Releases the login gate.</summary>
    public void Dispose() => _gate.Dispose();
}
