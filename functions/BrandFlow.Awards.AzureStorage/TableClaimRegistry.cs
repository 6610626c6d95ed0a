using Azure;
using Azure.Data.Tables;
using BrandFlow.Awards.AzureStorage.Internal;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.AzureStorage;

/// <summary>
/// Claimed file hashes and identifiers: PK = the key ("sha256:..." or "id:..."), RK "owner", columns Key,
/// CreditCode, ApplicationId. The first insert wins atomically; releasing deletes only rows owned by the application
/// (ETag-guarded, so a row re-claimed in between is left alone).
/// </summary>
public sealed class TableClaimRegistry : IClaimRegistry
{
    private const string OwnerRow = "owner";

    private readonly TableClient table;

    internal TableClaimRegistry(TableClient table)
    {
        this.table = table;
    }

    /// <inheritdoc/>
    public async Task<ClaimOwner> ClaimAsync(string key, string creditCode, string applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(creditCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        var partitionKey = StorageKeys.Encode(key);
        for (var attempt = 1; ; attempt++)
        {
            var entity = new TableEntity(partitionKey, OwnerRow) { ["Key"] = key, ["CreditCode"] = creditCode, ["ApplicationId"] = applicationId };
            if (await this.table.TryAddAsync(entity, cancellationToken).ConfigureAwait(false))
            {
                return new ClaimOwner(key, creditCode, applicationId);
            }

            var existing = await this.table.GetOrNullAsync(partitionKey, OwnerRow, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return new ClaimOwner(key, existing.GetString("CreditCode"), existing.GetString("ApplicationId"));
            }

            if (attempt >= TableExtensions.MaxAttempts)
            {
                throw new InvalidOperationException($"Claim {key} keeps changing owner; try again.");
            }

            // Released between our insert and our read: try to claim it again.
        }
    }

    /// <inheritdoc/>
    public async Task ReleaseAsync(string applicationId, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var existing = await this.table.GetOrNullAsync(StorageKeys.Encode(key), OwnerRow, cancellationToken).ConfigureAwait(false);
            if (existing is null || existing.GetString("ApplicationId") != applicationId)
            {
                continue;
            }

            try
            {
                await this.table.DeleteEntityAsync(existing.PartitionKey, existing.RowKey, existing.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or TableExtensions.PreconditionFailed)
            {
                // Already released, or changed hands: not ours to delete.
            }
        }
    }
}
