using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Session;

namespace SnapshotHa.Vim.Soap;

/// <summary>
/// One vim25 SOAP exchange over HTTP: wraps a body element in an envelope, posts it with the session cookie and the
/// SOAPAction header, enforces the call timeout, and returns the response element or throws the mapped fault.
/// No retries and no re-login here (see <see cref="VimInvoker"/>).
/// </summary>
internal sealed class SoapClient(HttpClient http, Uri sdkUrl, SessionCookie cookie, TimeSpan timeout, TimeProvider time)
{
    private const long MaxResponseCharacters = 256L * 1024 * 1024;
    private long _lastActivityTicks = time.GetUtcNow().UtcTicks;

    /// <summary>Gets or sets the API version sent as <c>SOAPAction: "urn:vim25/&lt;version&gt;"</c>.</summary>
    public string ApiVersion { get; set; } = "6.5";

    /// <summary>Gets the time of the last answered call (keep-alive bookkeeping).</summary>
    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    /// <summary>
    /// Sends <paramref name="request"/> (a vim25 method element) and returns the <c>…Response</c> element.
    /// </summary>
    /// <param name="request">The method element, e.g. <c>&lt;Login xmlns="urn:vim25"&gt;…</c>.</param>
    /// <param name="extraTimeout">Time added to the call timeout (long polls such as WaitForUpdatesEx).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="VimFaultException">The server returned a SOAP fault.</exception>
    /// <exception cref="VimHttpException">The server returned a non-success status without a fault.</exception>
    /// <exception cref="VimProtocolException">The answer is not a SOAP envelope.</exception>
    /// <exception cref="TimeoutException">The call took longer than the timeout.</exception>
    public async Task<XElement> SendAsync(XElement request, TimeSpan extraTimeout, CancellationToken cancellationToken)
    {
        var method = request.Name.LocalName;
        using var timeoutSource = new CancellationTokenSource(timeout + extraTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, sdkUrl)
            {
                Content = new StringContent(Envelope(request), new UTF8Encoding(false), "text/xml"),
            };
            message.Headers.TryAddWithoutValidation("SOAPAction", $"\"urn:vim25/{ApiVersion}\"");
            cookie.Apply(message);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            cookie.Capture(response);
            var body = await ReadBodyAsync(response, method, linked.Token);
            Interlocked.Exchange(ref _lastActivityTicks, time.GetUtcNow().UtcTicks);
            if (body is not null && body.Name == VimNamespaces.Soap + "Fault")
            {
                throw VimFaults.FromSoapFault(body, method);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new VimHttpException(response.StatusCode, method);
            }

            return body ?? throw new VimProtocolException($"{method} answer has an empty SOAP body.");
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{method} did not answer within {timeout + extraTimeout}.");
        }
    }

    /// <summary>Wraps a method element in a SOAP envelope.</summary>
    public static string Envelope(XElement request)
    {
        var envelope = new XElement(
            VimNamespaces.Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", VimNamespaces.Soap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsi", VimNamespaces.Xsi.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsd", VimNamespaces.Xsd.NamespaceName),
            new XElement(VimNamespaces.Soap + "Body", request));
        return envelope.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>
    /// Reads a SOAP answer to its end (asynchronously, into pooled buffers), parses it and returns the first element
    /// of its Body (null for an empty Body).
    /// </summary>
    /// <exception cref="VimProtocolException">The text is not XML, not a SOAP envelope or too large.</exception>
    public static async Task<XElement?> ParseBodyAsync(Stream content, string method, CancellationToken cancellationToken)
    {
        await using var buffered = await ResponseBuffers.ReadAsync(content, method, cancellationToken);
        return ParseBody(buffered, method);
    }

    private static XElement? ParseBody(Stream content, string method)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxResponseCharacters,
            IgnoreWhitespace = true,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(content, settings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e)
        {
            throw new VimProtocolException($"{method} answer is not well-formed XML: {e.Message}", e);
        }

        var body = document.Root?.Element(VimNamespaces.Soap + "Body")
            ?? throw new VimProtocolException($"{method} answer is not a SOAP envelope (root '{document.Root?.Name}').");
        return body.Elements().FirstOrDefault();
    }

    private static async Task<XElement?> ReadBodyAsync(HttpResponseMessage response, string method, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var isXml = mediaType is null || mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase);
        if (!isXml || response.StatusCode is HttpStatusCode.NoContent)
        {
            if (response.IsSuccessStatusCode)
            {
                throw new VimProtocolException($"{method} answered with content type '{mediaType}', not XML.");
            }

            throw new VimHttpException(response.StatusCode, method);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        try
        {
            return await ParseBodyAsync(stream, method, cancellationToken);
        }
        catch (VimProtocolException) when (!response.IsSuccessStatusCode)
        {
            throw new VimHttpException(response.StatusCode, method);
        }
    }
}
