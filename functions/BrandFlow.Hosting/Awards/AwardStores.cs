using BrandFlow.Awards.AzureStorage;

namespace BrandFlow.Hosting.Awards;

/// <summary>
/// The award tables and containers on the configured storage account, created once when the host starts. Registered
/// as a hosted service before the durable engine, so the ports exist before the first work item or request needs them.
/// </summary>
public sealed class AwardStores(StorageConnection connection, BrandFlowOptions options, TimeProvider clock) : IHostedService
{
    private AwardsStorage? storage;

    /// <summary>The storage ports (once started).</summary>
    public AwardsStorage Storage => this.storage
        ?? throw new InvalidOperationException("BrandFlow 申报存储尚未初始化 / the award storage has not been initialised (the host has not started)");

    /// <summary>Creates the tables and containers if missing.</summary>
    public async Task StartAsync(CancellationToken cancellationToken) =>
        this.storage ??= await AwardsStorage.CreateAsync(
            connection.Tables(), connection.Blobs(), new AwardsStorageOptions { Prefix = options.StoragePrefix }, clock, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
