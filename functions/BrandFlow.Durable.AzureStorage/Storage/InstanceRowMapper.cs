using System.Text.Json;
using Azure.Data.Tables;
using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.AzureStorage.Storage;

/// <summary>Maps the status row to and from <see cref="OrchestrationState"/>, moving large fields to blobs.</summary>
internal sealed class InstanceRowMapper
{
    private static readonly string[] LargeFields = ["Input", "Output", "CustomStatus", "Failure"];

    private readonly PayloadStore payloads;

    public InstanceRowMapper(PayloadStore payloads)
    {
        this.payloads = payloads;
    }

    /// <summary>Builds the status row for a state; reuses blobs of unchanged large fields.</summary>
    public async Task<(TableEntity Entity, IReadOnlyDictionary<string, BlobReference> Blobs)> ToEntityAsync(
        OrchestrationState state, int historyCount, long generation, IReadOnlyDictionary<string, BlobReference> previousBlobs, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(state.InstanceId, TableRows.InstanceRowKey)
        {
            ["Name"] = state.Name,
            ["Version"] = state.Version,
            ["Status"] = state.RuntimeStatus.ToString(),
            ["ExecutionId"] = state.ExecutionId,
            ["CreatedAt"] = DateTime.SpecifyKind(state.CreatedAt, DateTimeKind.Utc),
            ["LastUpdatedAt"] = DateTime.SpecifyKind(state.LastUpdatedAt, DateTimeKind.Utc),
            ["HistoryCount"] = historyCount,
            ["Generation"] = generation,
        };
        if (state.CompletedAt is { } completed)
        {
            entity["CompletedAt"] = DateTime.SpecifyKind(completed, DateTimeKind.Utc);
        }

        if (state.ScheduledStartTime is { } scheduled)
        {
            entity["ScheduledStartTime"] = DateTime.SpecifyKind(scheduled, DateTimeKind.Utc);
        }

        if (state.ParentInstanceId is { } parent)
        {
            entity["ParentInstanceId"] = parent;
        }

        var failure = state.FailureDetails is null ? null : JsonSerializer.Serialize(state.FailureDetails, DurableJson.Options);
        var blobs = new Dictionary<string, BlobReference>();
        string?[] values = [state.Input, state.Output, state.CustomStatus, failure];
        for (var i = 0; i < LargeFields.Length; i++)
        {
            var value = values[i];
            if (value is null)
            {
                continue;
            }

            if (value.Length <= TableRows.MaxInlineChars)
            {
                entity[LargeFields[i]] = value;
                continue;
            }

            var hash = string.GetHashCode(value, StringComparison.Ordinal);
            var reference = previousBlobs.TryGetValue(LargeFields[i], out var old) && old.Length == value.Length && old.Hash == hash
                ? old
                : new BlobReference(await this.payloads.UploadAsync(state.InstanceId, LargeFields[i].ToLowerInvariant(), value, cancellationToken), value.Length, hash);
            entity[LargeFields[i] + "Blob"] = reference.BlobName;
            blobs[LargeFields[i]] = reference;
        }

        return (entity, blobs);
    }

    /// <summary>Reads a status row; large fields are downloaded only when <paramref name="withPayloads"/> is set.</summary>
    public async Task<(OrchestrationState State, IReadOnlyDictionary<string, BlobReference> Blobs)> FromEntityAsync(
        TableEntity entity, bool withPayloads, CancellationToken cancellationToken)
    {
        var blobs = new Dictionary<string, BlobReference>();
        var texts = new string?[LargeFields.Length];
        for (var i = 0; i < LargeFields.Length; i++)
        {
            var field = LargeFields[i];
            texts[i] = entity.GetString(field);
            if (entity.GetString(field + "Blob") is { } blobName && (withPayloads || field == "Failure"))
            {
                texts[i] = await this.payloads.DownloadAsync(blobName, cancellationToken);
                blobs[field] = new BlobReference(blobName, texts[i]!.Length, string.GetHashCode(texts[i]!, StringComparison.Ordinal));
            }
        }

        var state = new OrchestrationState
        {
            InstanceId = entity.PartitionKey,
            ExecutionId = entity.GetString("ExecutionId") ?? string.Empty,
            Name = entity.GetString("Name") ?? string.Empty,
            Version = entity.GetString("Version") ?? string.Empty,
            RuntimeStatus = TableRows.GetStatus(entity),
            CreatedAt = TableRows.GetUtc(entity, "CreatedAt") ?? DateTime.MinValue,
            LastUpdatedAt = TableRows.GetUtc(entity, "LastUpdatedAt") ?? DateTime.MinValue,
            CompletedAt = TableRows.GetUtc(entity, "CompletedAt"),
            ScheduledStartTime = TableRows.GetUtc(entity, "ScheduledStartTime"),
            ParentInstanceId = entity.GetString("ParentInstanceId"),
            Input = withPayloads ? texts[0] : null,
            Output = withPayloads ? texts[1] : null,
            CustomStatus = withPayloads ? texts[2] : null,
            FailureDetails = texts[3] is { } failure ? JsonSerializer.Deserialize<TaskFailureDetails>(failure, DurableJson.Options) : null,
        };
        return (state, blobs);
    }
}
