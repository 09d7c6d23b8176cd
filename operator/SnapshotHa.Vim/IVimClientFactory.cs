namespace SnapshotHa.Vim;

/// <summary>Connects vim25 clients (register <see cref="VimClientFactory"/>; fake it in controller tests).</summary>
public interface IVimClientFactory
{
    /// <inheritdoc cref="VimClient.ConnectAsync(VimConnectionOptions, Microsoft.Extensions.Logging.ILoggerFactory?, TimeProvider?, CancellationToken)"/>
    Task<IVimClient> ConnectAsync(VimConnectionOptions options, CancellationToken cancellationToken);
}
