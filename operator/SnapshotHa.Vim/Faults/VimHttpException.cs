using System.Net;

namespace SnapshotHa.Vim.Faults;

/// <summary>
/// The server answered with an HTTP status that carries no SOAP fault (for example 503 from a busy host, or 404/401
/// from the datastore file endpoint).
/// </summary>
public sealed class VimHttpException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VimHttpException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VimHttpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public VimHttpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a status code returned by <paramref name="operation"/>.</summary>
    public VimHttpException(HttpStatusCode statusCode, string operation)
        : base($"{operation} returned HTTP {(int)statusCode} {statusCode}")
    {
        StatusCode = statusCode;
    }

    /// <summary>Gets the HTTP status code.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Gets whether the status means "try again later" (408, 429, 500 without a fault, 502, 503, 504).</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;
}
