using Azure;
using Azure.Data.Tables;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.AzureStorage.Storage;

/// <summary>Partition-wide deletes, queries and the outbox scan.</summary>
public sealed partial class InstanceStore
{
    /// <summary>Deletes every row of a partition whose row key starts with <paramref name="prefix"/> (empty: all rows).</summary>
    public async Task<int> DeleteRowsWithPrefixAsync(string instanceId, string prefix, CancellationToken cancellationToken)
    {
        var filter = prefix.Length == 0
            ? TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and RowKey ge {prefix} and RowKey lt {prefix + '\uffff'}");
        var keys = new List<string>();
        await foreach (var row in this.table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }

        foreach (var chunk in keys.Chunk(MaxActionsPerBatch))
        {
            var batch = chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, k), ETag.All)).ToList();
            try
            {
                await this.table.SubmitTransactionAsync(batch, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Some rows went away concurrently: delete the rest one by one.
                foreach (var key in chunk)
                {
                    await this.DeleteRowAsync(instanceId, key, cancellationToken);
                }
            }
        }

        return keys.Count;
    }

    /// <summary>Deletes one row if it still exists.</summary>
    public async Task DeleteRowAsync(string instanceId, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await this.table.DeleteEntityAsync(instanceId, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already deleted (by the owner or a sweep).
        }
    }

    /// <summary>Deletes every row and payload blob of an instance; returns whether anything existed.</summary>
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = await this.DeleteRowsWithPrefixAsync(instanceId, string.Empty, cancellationToken);
        var blobs = await this.payloads.DeleteInstanceAsync(instanceId, cancellationToken);
        return rows + blobs > 0;
    }

    /// <summary>Returns one page of status rows matching the query, in instance-id order.</summary>
    public async Task<InstanceQueryPage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var select = query.FetchInputsAndOutputs
            ? null
            : new[] { "PartitionKey", "RowKey", "Name", "Version", "Status", "ExecutionId", "CreatedAt", "LastUpdatedAt", "CompletedAt", "ScheduledStartTime", "ParentInstanceId", "Failure", "FailureBlob" };
        var pages = this.table.QueryAsync<TableEntity>(BuildFilter(query.Statuses, query.CreatedFrom, query.CreatedTo, query.InstanceIdPrefix), pageSize, select, cancellationToken);
        await foreach (var page in pages.AsPages(query.ContinuationToken, pageSize))
        {
            var states = new List<OrchestrationState>(page.Values.Count);
            foreach (var row in page.Values)
            {
                states.Add((await this.mapper.FromEntityAsync(row, query.FetchInputsAndOutputs, cancellationToken)).State);
            }

            return new InstanceQueryPage(states, page.ContinuationToken);
        }

        return new InstanceQueryPage([], null);
    }

    /// <summary>Ids of instances matching a filter (all pages), used by bulk purge.</summary>
    public async Task<List<string>> FindInstanceIdsAsync(IReadOnlyCollection<OrchestrationRuntimeStatus> statuses, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in this.table.QueryAsync<TableEntity>(BuildFilter(statuses, from, to, null), select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.PartitionKey);
        }

        return ids;
    }

    /// <summary>Outbox rows last written before <paramref name="olderThan"/> (server timestamps), across all instances.</summary>
    public IAsyncEnumerable<TableEntity> QueryStaleOutboxAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {TableRows.OutboxPrefix} and RowKey lt {"O."} and Timestamp le {olderThan}");
        return this.table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken);
    }

    private static string BuildFilter(IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses, DateTime? from, DateTime? to, string? prefix)
    {
        var parts = new List<string> { TableClient.CreateQueryFilter($"RowKey eq {TableRows.InstanceRowKey}") };
        if (statuses is { Count: > 0 })
        {
            parts.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        }

        if (from is { } f)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedAt ge {new DateTimeOffset(DateTime.SpecifyKind(f, DateTimeKind.Utc))}"));
        }

        if (to is { } t)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedAt le {new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))}"));
        }

        if (!string.IsNullOrEmpty(prefix))
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + '\uffff'}"));
        }

        return string.Join(" and ", parts);
    }
}
