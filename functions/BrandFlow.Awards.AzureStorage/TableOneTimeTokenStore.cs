using Azure.Data.Tables;
using BrandFlow.Awards.AzureStorage.Internal;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.AzureStorage;

/// <summary>Used one-time tokens: PK = token id, RK "used", columns UsedBy and UsedAt. The first insert consumes it.</summary>
public sealed class TableOneTimeTokenStore : IOneTimeTokenStore
{
    private readonly TableClient table;

    internal TableOneTimeTokenStore(TableClient table)
    {
        this.table = table;
    }

    /// <inheritdoc/>
    public Task<bool> TryConsumeAsync(string tokenId, string usedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenId);
        ArgumentNullException.ThrowIfNull(usedBy);
        var entity = new TableEntity(StorageKeys.Encode(tokenId), "used") { ["UsedBy"] = usedBy, ["UsedAt"] = at.ToUniversalTime() };
        return this.table.TryAddAsync(entity, cancellationToken);
    }
}
