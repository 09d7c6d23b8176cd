using System.Xml.Linq;

namespace SnapshotHa.Vim.Soap;

/// <summary>XML namespaces of vim25 SOAP messages; elements and attributes are always matched by these URIs.</summary>
internal static class VimNamespaces
{
    /// <summary>The vim25 namespace of every body element.</summary>
    public static readonly XNamespace Vim = "urn:vim25";

    /// <summary>The SOAP 1.1 envelope namespace.</summary>
    public static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>The XML Schema instance namespace that carries <c>type</c> (servers use varying prefixes).</summary>
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>The XML Schema namespace (<c>xsd:string</c> and friends).</summary>
    public static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";
}
