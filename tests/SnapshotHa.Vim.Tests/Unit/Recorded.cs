using System.Xml.Linq;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Tests.Unit;

/// <summary>SOAP answers recorded from the simulator (Recorded/*.xml).</summary>
internal static class Recorded
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", name));

    /// <summary>The first element of the SOAP Body of a recorded answer.</summary>
    public static async Task<XElement> BodyAsync(string name)
    {
        await using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Recorded", name));
        return (await SoapClient.ParseBodyAsync(stream, name, CancellationToken.None))!;
    }

    /// <summary>Parses an inline SOAP answer.</summary>
    public static async Task<XElement?> ParseAsync(string envelope)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(envelope));
        return await SoapClient.ParseBodyAsync(stream, "inline", CancellationToken.None);
    }

    /// <summary>Wraps body XML in a SOAP envelope with vcsim's namespace declarations.</summary>
    public static string Envelope(string body) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>"
        + body + "</soapenv:Body></soapenv:Envelope>";
}
