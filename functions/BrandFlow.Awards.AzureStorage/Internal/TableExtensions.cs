using Azure;
using Azure.Data.Tables;

namespace BrandFlow.Awards.AzureStorage.Internal;

/// <summary>Small conveniences over <see cref="TableClient"/> for the patterns every store uses.</summary>
internal static class TableExtensions
{
    /// <summary>Status code of an insert that found the row already there.</summary>
    public const int Conflict = 409;

    /// <summary>Status code of a write whose ETag condition failed.</summary>
    public const int PreconditionFailed = 412;

    /// <summary>How often an optimistic write is retried after losing a race.</summary>
    public const int MaxAttempts = 10;

    /// <summary>The row, or null when absent.</summary>
    public static async Task<TableEntity?> GetOrNullAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Inserts the row; false when a row with its keys exists (the existing one is kept).</summary>
    public static async Task<bool> TryAddAsync(this TableClient table, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == Conflict)
        {
            return false;
        }
    }

    /// <summary>Every row matching the filter.</summary>
    public static async Task<List<TableEntity>> QueryAllAsync(this TableClient table, string filter, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }
}
