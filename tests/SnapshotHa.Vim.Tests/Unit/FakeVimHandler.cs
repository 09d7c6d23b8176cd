using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Xml.Linq;

namespace SnapshotHa.Vim.Tests.Unit;

/// <summary>
/// A scripted vSphere endpoint over HTTP: SOAP answers by method name (recorded or inline), a datastore file that
/// ignores Range requests, and a record of the Cookie header of every request.
/// </summary>
internal sealed class FakeVimHandler(byte[] file) : HttpMessageHandler
{
    public ConcurrentQueue<(string What, string? Cookie)> Requests { get; } = new();

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _seen = new();

    public ConcurrentQueue<string> SoapActions { get; } = new();

    public string SessionCookie { get; set; } = "vmware_soap_session=\"52d3-quoted\"";

    /// <summary>Completes when a SOAP method was called.</summary>
    public Task Seen(string method) => _seen.GetOrAdd(method, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cookie = request.Headers.TryGetValues("Cookie", out var values) ? string.Join(";", values) : null;
        if (request.RequestUri!.AbsolutePath.StartsWith("/folder/", StringComparison.Ordinal))
        {
            Requests.Enqueue(($"{request.Method} {request.RequestUri.AbsolutePath}", cookie));
            var content = new ByteArrayContent(request.Method == HttpMethod.Head ? [] : file);
            content.Headers.ContentLength = file.Length;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }

        var body = XDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
        var method = body.Descendants().First(e => e.Name.LocalName == "Body").Elements().First().Name.LocalName;
        SoapActions.Enqueue(request.Headers.TryGetValues("SOAPAction", out var actions) ? actions.Single() : "");
        Requests.Enqueue((method, cookie));
        _seen.GetOrAdd(method, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(Answer(method), Encoding.UTF8, "text/xml"),
        };
        if (method == "Login")
        {
            response.Headers.TryAddWithoutValidation("Set-Cookie", SessionCookie + "; Path=/; HttpOnly");
        }

        return response;
    }

    private static string Answer(string method) => method switch
    {
        "RetrieveServiceContent" => Recorded.Text("service-content.xml"),
        "Login" => Recorded.Envelope("<LoginResponse xmlns=\"urn:vim25\"><returnval><key>52d3</key><userName>root</userName><fullName>root</fullName></returnval></LoginResponse>"),
        "Logout" => Recorded.Text("logout.xml"),
        _ => Recorded.Envelope($"<{method}Response xmlns=\"urn:vim25\"><returnval>2026-01-01T00:00:00Z</returnval></{method}Response>"),
    };
}
