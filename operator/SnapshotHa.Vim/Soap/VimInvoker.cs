using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Session;

namespace SnapshotHa.Vim.Soap;

/// <summary>
/// Invokes vim25 methods for the services: retries transient failures (Polly), logs in again once when the session
/// was lost (a <see cref="NotAuthenticatedException"/> from the call or from reading its answer) and repeats the call.
/// </summary>
internal sealed class VimInvoker(SoapClient soap, VimSession session, VimRetryPipelines retry, ILogger logger)
{
    /// <summary>Gets the service content of the connected server.</summary>
    public ServiceContent Content => session.Content;

    /// <summary>Gets the session generation (changes after every re-login).</summary>
    public int SessionGeneration => session.Generation;

    /// <summary>Gets the SOAP transport (datastore transfers share its cookie and handler).</summary>
    public SoapClient Soap => soap;

    /// <summary>Gets the session, for re-login after a datastore request was refused.</summary>
    public VimSession Session => session;

    /// <summary>
    /// Calls a method and converts its answer with <paramref name="read"/> (which may itself throw a
    /// <see cref="NotAuthenticatedException"/>, e.g. for a missingSet fault).
    /// </summary>
    /// <param name="request">The method element.</param>
    /// <param name="read">Converts the response element.</param>
    /// <param name="idempotent">Whether the method has no side effects (network errors are then retried).</param>
    /// <param name="cancellationToken">Cancels the call and its retries.</param>
    /// <param name="extraTimeout">Time added to the call timeout (long polls).</param>
    public async Task<T> InvokeAsync<T>(
        XElement request, Func<XElement, T> read, bool idempotent, CancellationToken cancellationToken, TimeSpan extraTimeout = default)
    {
        var pipeline = idempotent ? retry.Read : retry.Write;
        return await pipeline.ExecuteAsync(
            async token =>
            {
                var generation = session.Generation;
                try
                {
                    return read(await soap.SendAsync(request, extraTimeout, token));
                }
                catch (NotAuthenticatedException)
                {
                    await session.ReloginAsync(generation, token);
                    Log.ReloggedIn(logger, request.Name.LocalName);
                    return read(await soap.SendAsync(request, extraTimeout, token));
                }
            },
            cancellationToken);
    }

    /// <summary>Calls a method that returns a managed object reference (most <c>*_Task</c> methods).</summary>
    public Task<ManagedObjectReference> InvokeForReferenceAsync(XElement request, bool idempotent, CancellationToken cancellationToken) =>
        InvokeAsync(
            request,
            r => r.Child("returnval")?.ToMoref()
                ?? throw new VimProtocolException($"{request.Name.LocalName} returned no object reference."),
            idempotent,
            cancellationToken);

    /// <summary>Calls a method whose answer carries nothing of interest.</summary>
    public Task InvokeVoidAsync(XElement request, bool idempotent, CancellationToken cancellationToken) =>
        InvokeAsync(request, _ => true, idempotent, cancellationToken);
}
