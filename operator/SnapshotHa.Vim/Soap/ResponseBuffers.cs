using System.Buffers;
using Microsoft.IO;

namespace SnapshotHa.Vim.Soap;

/// <summary>
/// Pooled buffers for SOAP answers: an answer is read from the network asynchronously into pooled blocks and then
/// parsed synchronously, which costs a fraction of parsing it with an asynchronous XML reader. The pools keep at most
/// a few MiB once the answers are gone.
/// </summary>
internal static class ResponseBuffers
{
    /// <summary>The largest answer accepted, in bytes.</summary>
    public const long MaxResponseBytes = 256L * 1024 * 1024;

    private static readonly RecyclableMemoryStreamManager Manager = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 64 * 1024,
        LargeBufferMultiple = 1024 * 1024,
        MaximumBufferSize = 8 * 1024 * 1024,
        MaximumSmallPoolFreeBytes = 8 * 1024 * 1024,
        MaximumLargePoolFreeBytes = 8 * 1024 * 1024,
    });

    /// <summary>Reads <paramref name="content"/> to its end into a pooled stream positioned at its start.</summary>
    /// <param name="content">The answer's body.</param>
    /// <param name="method">The vim25 method (for errors and the pool's tag).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The buffered answer; dispose it to return its blocks.</returns>
    /// <exception cref="Faults.VimProtocolException">The answer is larger than <see cref="MaxResponseBytes"/>.</exception>
    public static async Task<MemoryStream> ReadAsync(Stream content, string method, CancellationToken cancellationToken)
    {
        var buffer = Manager.GetStream(method);
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxResponseBytes)
                {
                    throw new Faults.VimProtocolException($"{method} answer is larger than {MaxResponseBytes / (1024 * 1024)} MiB.");
                }

                buffer.Write(chunk, 0, read);
            }

            buffer.Position = 0;
            return buffer;
        }
        catch
        {
            await buffer.DisposeAsync();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
