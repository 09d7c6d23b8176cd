namespace SnapshotHa.Vim.Session;

/// <summary>
/// The <c>vmware_soap_session</c> cookie of one SOAP session, captured from the first response that sets it and echoed
/// verbatim (servers may quote it) on every SOAP and datastore request. Thread-safe.
/// </summary>
internal sealed class SessionCookie
{
    /// <summary>The cookie name vSphere uses for SOAP sessions.</summary>
    public const string Name = "vmware_soap_session";

    private volatile string? _headerValue;

    /// <summary>Gets the <c>Cookie</c> header value to send, or null before the server set one.</summary>
    public string? HeaderValue => _headerValue;

    /// <summary>Forgets the cookie (before a fresh login: a second Login on a live cookie is refused).</summary>
    public void Clear() => _headerValue = null;

    /// <summary>Takes the session cookie from a response's <c>Set-Cookie</c> headers, if present.</summary>
    public void Capture(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            var pair = value.Split(';', 2)[0].Trim();
            if (pair.StartsWith(Name + "=", StringComparison.Ordinal))
            {
                _headerValue = pair;
            }
        }
    }

    /// <summary>Adds the cookie to a request, if one is known.</summary>
    public void Apply(HttpRequestMessage request)
    {
        var value = _headerValue;
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", value);
        }
    }
}
