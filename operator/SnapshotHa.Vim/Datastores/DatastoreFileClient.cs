using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using SnapshotHa.Disks;
using SnapshotHa.Vim.Faults;
using SnapshotHa.Vim.Session;
using SnapshotHa.Vim.Soap;

namespace SnapshotHa.Vim.Datastores;

/// <summary>
/// Datastore file transfer over the host's <c>/folder</c> endpoint with the SOAP session cookie: streaming
/// downloads with HTTP Range requests that resume at the last byte after a dropped connection, random-access reads
/// (<see cref="OpenReadAsync"/>), and streaming uploads. A refused session (401/403) is renewed and the transfer
/// resumed.
/// </summary>
public sealed class DatastoreFileClient : IDatastoreFileClient
{
    private const int BufferSize = 256 * 1024;
    private readonly HttpClient _http;
    private readonly VimInvoker _invoker;
    private readonly SessionCookie _cookie;
    private readonly VimConnectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal DatastoreFileClient(
        HttpClient http, VimInvoker invoker, SessionCookie cookie, VimConnectionOptions options, TimeProvider time, ILogger logger)
    {
        _http = http;
        _invoker = invoker;
        _cookie = cookie;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Gets or sets the datacenter used for vCenter transfers when the options name none: set at connect time when the
    /// inventory holds exactly one datacenter.
    /// </summary>
    internal string? DiscoveredDatacenter { get; set; }

    /// <summary>Gets the <c>/folder</c> URL of a datastore file.</summary>
    public Uri GetUrl(DatastorePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var datacenter = _options.DatacenterPath
            ?? (_invoker.Content.About.IsHostAgent
                ? "ha-datacenter"
                : DiscoveredDatacenter ?? throw new InvalidOperationException("DatacenterPath must be set to transfer datastore files through vCenter (the inventory has more than one datacenter)."));
        return DatastoreUrl.Build(_options.SdkUrl, datacenter, path);
    }

    /// <summary>Gets a file's length (HEAD).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public async Task<long> GetLengthAsync(DatastorePath path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, path, null, cancellationToken);
        return response.Content.Headers.ContentLength
            ?? throw new VimProtocolException($"HEAD {path} returned no Content-Length.");
    }

    /// <summary>
    /// Downloads a file (or the range from <paramref name="offset"/>) into <paramref name="destination"/>, resuming
    /// after dropped connections with Range requests; falls back to skipping bytes when the server ignores Range.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="destination">Receives the bytes in order.</param>
    /// <param name="offset">First byte to download.</param>
    /// <param name="progress">Receives the number of bytes written so far; may be null.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The connection kept dropping without progress.</exception>
    public async Task<long> DownloadAsync(
        DatastorePath path, Stream destination, long offset, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var length = await GetLengthAsync(path, cancellationToken);
        var written = 0L;
        await CopyRangeAsync(
            path,
            offset,
            length,
            async (chunk, token) =>
            {
                await destination.WriteAsync(chunk, token);
                written += chunk.Length;
                progress?.Report(written);
            },
            cancellationToken);
        return written;
    }

    /// <summary>Opens a file for random-access reads (each read is one Range request).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public async Task<IRandomAccessSource> OpenReadAsync(DatastorePath path, CancellationToken cancellationToken)
    {
        var length = await GetLengthAsync(path, cancellationToken);
        return new DatastoreFileSource(this, path, length);
    }

    /// <summary>Creates a resolver that opens files next to <paramref name="descriptor"/> (extents, parents).</summary>
    public IExtentResolver CreateExtentResolver(DatastorePath descriptor) => new DatastoreExtentResolver(this, descriptor);

    /// <summary>Uploads <paramref name="content"/> to a file, replacing it (PUT, streamed).</summary>
    /// <param name="path">The target file; its folder must exist.</param>
    /// <param name="content">The bytes; a seekable stream is re-sent from the start if the session had to be renewed.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <exception cref="VimHttpException">The server refused the upload.</exception>
    /// <exception cref="TimeoutException">No byte was taken and no answer came for the call timeout.</exception>
    public async Task UploadAsync(DatastorePath path, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var start = content.CanSeek ? content.Position : 0;
        for (var attempt = 0; ; attempt++)
        {
            var generation = _invoker.SessionGeneration;
            using var stall = new CancellationTokenSource(_options.Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
            using var request = new HttpRequestMessage(HttpMethod.Put, GetUrl(path))
            {
                Content = new StreamContent(new NonClosingStream(content, () => stall.CancelAfter(_options.Timeout)), BufferSize),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            if (content.CanSeek)
            {
                request.Content.Headers.ContentLength = content.Length - start;
            }

            _cookie.Apply(request);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            }
            catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"PUT {path} made no progress for {_options.Timeout}.");
            }

            using (response)
            {
                if (IsSessionRefused(response.StatusCode) && content.CanSeek && attempt == 0)
                {
                    await _invoker.Session.ReloginAsync(generation, cancellationToken);
                    content.Position = start;
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new VimHttpException(response.StatusCode, $"PUT {path}");
                }
            }

            Log.Uploaded(_logger, path.ToString(), content.CanSeek ? content.Length - start : -1);
            return;
        }
    }

    /// <summary>
    /// Streams bytes [<paramref name="from"/>, <paramref name="to"/>) of a file to <paramref name="sink"/>, resuming
    /// at the first missing byte after a dropped or stalled connection.
    /// </summary>
    internal async Task CopyRangeAsync(
        DatastorePath path, long from, long to, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> sink, CancellationToken cancellationToken)
    {
        var position = new StrongBox<long>(from);
        var failures = 0;
        while (position.Value < to)
        {
            var before = position.Value;
            try
            {
                await CopyOnceAsync(path, position, to, sink, cancellationToken);
                if (position.Value < to)
                {
                    throw new IOException($"GET {path} ended at byte {position.Value} of {to}.");
                }
            }
            catch (Exception e) when (IsResumable(e) && !cancellationToken.IsCancellationRequested)
            {
                failures = position.Value > before ? 1 : failures + 1;
                if (failures > _options.MaxRetryAttempts + 1)
                {
                    throw new IOException($"GET {path} failed at byte {position.Value} after {failures} attempts without progress: {e.Message}", e);
                }

                Log.DownloadResumed(_logger, path.ToString(), position.Value, e.Message);
                await Task.Delay(_options.RetryDelay * Math.Pow(2, failures - 1), _time, cancellationToken);
            }
        }
    }

    /// <summary>One GET from <paramref name="position"/>; advances it past every byte handed to the sink, even when the connection then drops.</summary>
    private async Task CopyOnceAsync(
        DatastorePath path, StrongBox<long> position, long to, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> sink, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, path, new RangeHeaderValue(position.Value, to - 1), cancellationToken);
        var skip = 0L;
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            var range = response.Content.Headers.ContentRange;
            if (range?.From != position.Value)
            {
                throw new VimProtocolException($"GET {path} asked for bytes from {position.Value}, got Content-Range '{range}'.");
            }
        }
        else
        {
            // The server ignored the Range header and sends the whole file: skip to the position.
            skip = position.Value;
            if (skip > 0)
            {
                Log.RangeIgnored(_logger, path.ToString(), skip);
            }
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[BufferSize];
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        while (position.Value < to)
        {
            stall.CancelAfter(_options.Timeout);
            int read;
            try
            {
                read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), linked.Token);
            }
            catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"GET {path} stalled at byte {position.Value} for {_options.Timeout}.");
            }

            if (read == 0)
            {
                break;
            }

            var chunk = buffer.AsMemory(0, read);
            if (skip > 0)
            {
                var dropped = (int)Math.Min(skip, read);
                skip -= dropped;
                chunk = chunk[dropped..];
            }

            if (chunk.Length > to - position.Value)
            {
                chunk = chunk[..(int)(to - position.Value)];
            }

            if (chunk.Length > 0)
            {
                await sink(chunk, cancellationToken);
                position.Value += chunk.Length;
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, DatastorePath path, RangeHeaderValue? range, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var generation = _invoker.SessionGeneration;
            using var request = new HttpRequestMessage(method, GetUrl(path));
            request.Headers.Range = range;
            _cookie.Apply(request);
            using var timeout = new CancellationTokenSource(_options.Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{method} {path} did not answer within {_options.Timeout}.");
            }

            if (IsSessionRefused(response.StatusCode) && attempt == 0)
            {
                response.Dispose();
                await _invoker.Session.ReloginAsync(generation, cancellationToken);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                response.Dispose();
                throw new FileNotFoundException($"Datastore file {path} does not exist.", path.ToString());
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = response.StatusCode;
                response.Dispose();
                throw new VimHttpException(status, $"{method} {path}");
            }

            return response;
        }
    }

    private static bool IsSessionRefused(HttpStatusCode status) => status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    private static bool IsResumable(Exception e) =>
        e is IOException or HttpRequestException or TimeoutException || (e is VimHttpException http && http.IsTransient);
}
