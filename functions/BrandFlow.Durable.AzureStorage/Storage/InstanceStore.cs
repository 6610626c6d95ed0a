using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.AzureStorage.Storage;

/// <summary>
/// Reads and commits instance partitions. A commit that fits one entity-group transaction (100 actions, 4 MiB) is
/// one ETag-guarded batch. A larger one is written as several batches that each also touch the status row with its
/// current ETag, so no other writer can interleave; only the last batch advances the committed history count and
/// generation and carries the outbox row. Rows beyond the committed count are ignored on read and overwritten later.
/// </summary>
public sealed partial class InstanceStore
{
    private const int MaxActionsPerBatch = 100;
    private const int MaxBatchBytes = 3 * 1024 * 1024;

    private readonly TableClient table;
    private readonly PayloadStore payloads;
    private readonly InstanceRowMapper mapper;

    /// <summary>Creates a store over the instance table.</summary>
    public InstanceStore(TableClient table, PayloadStore payloads)
    {
        this.table = table;
        this.payloads = payloads;
        this.mapper = new InstanceRowMapper(payloads);
    }

    /// <summary>The underlying table.</summary>
    public TableClient Table => this.table;

    /// <summary>Reads the whole partition of an instance (one query for partitions under 1,000 rows).</summary>
    public async Task<InstanceSnapshot> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        TableEntity? instanceRow = null;
        var historyRows = new List<TableEntity>();
        var outboxKeys = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");
        await foreach (var row in this.table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == TableRows.InstanceRowKey)
            {
                instanceRow = row;
            }
            else if (row.RowKey.StartsWith(TableRows.HistoryPrefix, StringComparison.Ordinal))
            {
                historyRows.Add(row);
            }
            else if (row.RowKey.StartsWith(TableRows.OutboxPrefix, StringComparison.Ordinal))
            {
                outboxKeys.Add(row.RowKey);
            }
        }

        if (instanceRow is null)
        {
            return InstanceSnapshot.Missing(instanceId) with { OutboxRowKeys = outboxKeys };
        }

        var (state, blobs) = await this.mapper.FromEntityAsync(instanceRow, withPayloads: true, cancellationToken);
        var count = instanceRow.GetInt32("HistoryCount") ?? 0;
        var prefix = TableRows.HistoryRowPrefix(state.ExecutionId);
        var history = new List<HistoryEvent>(count);
        foreach (var row in historyRows)
        {
            if (row.RowKey.StartsWith(prefix, StringComparison.Ordinal) && TableRows.SequenceOf(row.RowKey) < count)
            {
                history.Add(await this.ReadEventAsync(row, cancellationToken));
            }
        }

        if (history.Count != count)
        {
            throw new InvalidDataException($"Instance '{instanceId}' records {count} history events but {history.Count} rows were found.");
        }

        return new InstanceSnapshot
        {
            InstanceId = instanceId,
            State = state,
            ETag = instanceRow.ETag,
            History = history,
            Generation = instanceRow.GetInt64("Generation") ?? 0,
            OutboxRowKeys = outboxKeys,
            FieldBlobs = blobs,
        };
    }

    /// <summary>
    /// Like <see cref="LoadAsync"/>, but first reads the status row alone, for an instance that is probably new (a
    /// create, or a work item starting an execution): a missing row then costs one point read instead of a partition
    /// query, which Azurite answers by scanning the whole table. An existing row falls back to the full read. A status
    /// row is always written in the first batch of an instance's first commit, so no committed rows exist without it;
    /// leftovers of a purge interrupted midway make the next commit conflict, and the retry reads everything.
    /// </summary>
    public async Task<InstanceSnapshot> LoadProbablyNewAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await this.table.GetEntityIfExistsAsync<TableEntity>(instanceId, TableRows.InstanceRowKey, select: ["RowKey"], cancellationToken: cancellationToken);
        return response.HasValue ? await this.LoadAsync(instanceId, cancellationToken) : InstanceSnapshot.Missing(instanceId);
    }

    /// <summary>Reads only the status row, or null if the instance does not exist.</summary>
    public async Task<OrchestrationState?> GetStateAsync(string instanceId, bool withPayloads, CancellationToken cancellationToken)
    {
        var response = await this.table.GetEntityIfExistsAsync<TableEntity>(instanceId, TableRows.InstanceRowKey, cancellationToken: cancellationToken);
        return response.HasValue ? (await this.mapper.FromEntityAsync(response.Value!, withPayloads, cancellationToken)).State : null;
    }

    /// <summary>Commits a plan against a snapshot; throws <see cref="InstanceConflictException"/> if the partition changed.</summary>
    public async Task<InstanceSnapshot> CommitAsync(InstanceSnapshot current, CommitPlan plan, CancellationToken cancellationToken)
    {
        if (plan.IsEmpty)
        {
            return current;
        }

        var state = plan.State ?? current.State
            ?? throw new InvalidOperationException($"Cannot commit instance '{current.InstanceId}' without a status row.");
        var reset = plan.ResetHistory || current.State is null || current.State.ExecutionId != plan.ExecutionId;
        var firstSequence = reset ? 0 : current.History.Count;
        var generation = current.Generation + 1;
        var history = reset ? new List<HistoryEvent>(plan.NewEvents) : [.. current.History, .. plan.NewEvents];

        var others = new List<TableTransactionAction>();
        for (var i = 0; i < plan.NewEvents.Count; i++)
        {
            var row = await this.ToHistoryRowAsync(current.InstanceId, plan.ExecutionId, firstSequence + i, plan.NewEvents[i], generation, cancellationToken);
            others.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }

        foreach (var key in plan.DeleteOutboxRowKeys)
        {
            others.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(current.InstanceId, key), ETag.All));
        }

        var finalExtras = new List<TableTransactionAction>();
        if (plan.Outbox.Count > 0)
        {
            var outboxRow = await this.ToOutboxRowAsync(current.InstanceId, generation, plan.Outbox, cancellationToken);
            finalExtras.Add(new TableTransactionAction(TableTransactionActionType.Add, outboxRow));
        }

        var (instanceRow, blobs) = await this.mapper.ToEntityAsync(state, history.Count, generation, current.FieldBlobs, cancellationToken);
        var etag = await this.SubmitChainAsync(current, instanceRow, others, finalExtras, cancellationToken);

        var outboxKeys = current.OutboxRowKeys.Except(plan.DeleteOutboxRowKeys, StringComparer.Ordinal).ToList();
        if (plan.Outbox.Count > 0)
        {
            outboxKeys.Add(TableRows.OutboxRowKey(generation));
        }

        if (reset && current.State is { } old && old.ExecutionId != plan.ExecutionId)
        {
            await this.DeleteRowsWithPrefixAsync(current.InstanceId, TableRows.HistoryRowPrefix(old.ExecutionId), cancellationToken);
        }

        return new InstanceSnapshot
        {
            InstanceId = current.InstanceId,
            State = state,
            ETag = etag,
            History = history,
            Generation = generation,
            OutboxRowKeys = outboxKeys,
            FieldBlobs = blobs,
        };
    }

    private async Task<ETag> SubmitChainAsync(
        InstanceSnapshot current, TableEntity instanceRow, List<TableTransactionAction> others, List<TableTransactionAction> finalExtras, CancellationToken cancellationToken)
    {
        var finalBytes = TableRows.EstimateBytes(instanceRow) + finalExtras.Sum(a => TableRows.EstimateBytes(a.Entity));
        var finalCapacity = MaxActionsPerBatch - 1 - finalExtras.Count;
        var finalStart = others.Count;
        var bytes = finalBytes;
        while (finalStart > 0 && others.Count - finalStart < finalCapacity
            && bytes + TableRows.EstimateBytes(others[finalStart - 1].Entity) <= MaxBatchBytes)
        {
            finalStart--;
            bytes += TableRows.EstimateBytes(others[finalStart].Entity);
        }

        var etag = current.ETag;
        var exists = current.State is not null;
        var index = 0;
        while (index < finalStart)
        {
            var batch = new List<TableTransactionAction>();
            var batchBytes = 0;
            while (index < finalStart && batch.Count < MaxActionsPerBatch - 1
                && (batch.Count == 0 || batchBytes + TableRows.EstimateBytes(others[index].Entity) <= MaxBatchBytes))
            {
                batchBytes += TableRows.EstimateBytes(others[index].Entity);
                batch.Add(others[index++]);
            }

            batch.Add(exists
                ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(current.InstanceId, TableRows.InstanceRowKey) { ["PendingGeneration"] = current.Generation + 1 }, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, PlaceholderRow(instanceRow)));
            etag = await this.SubmitAsync(current.InstanceId, batch, cancellationToken);
            exists = true;
        }

        var last = others.Skip(finalStart).Concat(finalExtras).ToList();
        last.Add(exists
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, instanceRow, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, instanceRow));
        return await this.SubmitAsync(current.InstanceId, last, cancellationToken);
    }

    /// <summary>Status row written by the first of several batches of a new instance: Pending, no history yet.</summary>
    private static TableEntity PlaceholderRow(TableEntity final)
    {
        var row = new TableEntity(final);
        row["Status"] = nameof(OrchestrationRuntimeStatus.Pending);
        row["HistoryCount"] = 0;
        row["Generation"] = 0L;
        return row;
    }

    /// <summary>Submits one batch whose last action is the status row; returns the status row's new ETag.</summary>
    private async Task<ETag> SubmitAsync(string instanceId, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        Response<IReadOnlyList<Response>> response;
        try
        {
            response = await this.table.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            throw new InstanceConflictException($"Instance '{instanceId}' changed concurrently ({ex.Status} {ex.ErrorCode}).", ex);
        }

        if (response.Value.Count == batch.Count && response.Value[^1].Headers.ETag is { } etag)
        {
            return etag;
        }

        var row = await this.table.GetEntityAsync<TableEntity>(instanceId, TableRows.InstanceRowKey, ["RowKey"], cancellationToken);
        return row.Value.ETag;
    }

    private async Task<TableEntity> ToHistoryRowAsync(string instanceId, string executionId, int sequence, HistoryEvent historyEvent, long generation, CancellationToken cancellationToken)
    {
        var row = new TableEntity(instanceId, TableRows.HistoryRowKey(executionId, sequence))
        {
            ["Kind"] = historyEvent.Kind,
            ["Generation"] = generation,
        };
        var json = TableRows.SerializeEvent(historyEvent);
        if (json.Length <= TableRows.MaxInlineChars)
        {
            row["Event"] = json;
        }
        else
        {
            row["EventBlob"] = await this.payloads.UploadAsync(instanceId, "event", json, cancellationToken);
        }

        return row;
    }

    private async Task<HistoryEvent> ReadEventAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var json = row.GetString("Event") ?? await this.payloads.DownloadAsync(
            row.GetString("EventBlob") ?? throw new InvalidDataException($"History row {row.RowKey} has no event."), cancellationToken);
        return TableRows.DeserializeEvent(json);
    }

    private async Task<TableEntity> ToOutboxRowAsync(string instanceId, long generation, IReadOnlyList<TaskMessage> messages, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(messages, DurableJson.Options);
        var row = new TableEntity(instanceId, TableRows.OutboxRowKey(generation)) { ["Count"] = messages.Count };
        var chunks = (json.Length + TableRows.MaxInlineChars - 1) / TableRows.MaxInlineChars;
        if (chunks > TableRows.MaxOutboxChunks)
        {
            row["MessagesBlob"] = await this.payloads.UploadAsync(instanceId, "outbox", json, cancellationToken);
            return row;
        }

        for (var i = 0; i < chunks; i++)
        {
            var start = i * TableRows.MaxInlineChars;
            row["M" + i] = json.Substring(start, Math.Min(TableRows.MaxInlineChars, json.Length - start));
        }

        return row;
    }

    /// <summary>Reads the messages of an outbox row.</summary>
    public async Task<IReadOnlyList<TaskMessage>> ReadOutboxAsync(TableEntity row, CancellationToken cancellationToken)
    {
        string json;
        if (row.GetString("MessagesBlob") is { } blob)
        {
            json = await this.payloads.DownloadAsync(blob, cancellationToken);
        }
        else
        {
            var builder = new System.Text.StringBuilder();
            for (var i = 0; row.GetString("M" + i) is { } chunk; i++)
            {
                builder.Append(chunk);
            }

            json = builder.ToString();
        }

        return JsonSerializer.Deserialize<List<TaskMessage>>(json, DurableJson.Options) ?? [];
    }
}
