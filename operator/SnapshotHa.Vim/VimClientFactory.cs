using Microsoft.Extensions.Logging;

namespace SnapshotHa.Vim;

/// <summary>Connects real <see cref="VimClient"/>s with the given logging and clock.</summary>
public sealed class VimClientFactory(ILoggerFactory loggerFactory, TimeProvider timeProvider) : IVimClientFactory
{
    /// <inheritdoc />
    public async Task<IVimClient> ConnectAsync(VimConnectionOptions options, CancellationToken cancellationToken) =>
        await VimClient.ConnectAsync(options, loggerFactory, timeProvider, cancellationToken);
}
