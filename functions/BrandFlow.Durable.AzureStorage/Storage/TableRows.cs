using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.AzureStorage.Storage;

/// <summary>Row keys and property names of the instance partition (PartitionKey = instance id).</summary>
internal static class TableRows
{
    /// <summary>Row key of the status row.</summary>
    public const string InstanceRowKey = "I";

    /// <summary>Longest string kept in a table property: 64 KiB of UTF-16 is 32,768 characters; keep headroom.</summary>
    public const int MaxInlineChars = 30_000;

    /// <summary>Most property chunks an outbox row uses before the outbox moves to a blob (entity limit 1 MiB).</summary>
    public const int MaxOutboxChunks = 14;

    /// <summary>Row key prefix of outbox rows.</summary>
    public const string OutboxPrefix = "O-";

    /// <summary>Row key prefix of history rows.</summary>
    public const string HistoryPrefix = "H-";

    /// <summary>Row key of one history event: execution id and zero-padded sequence number, so rows sort in order.</summary>
    public static string HistoryRowKey(string executionId, int sequence) =>
        $"{HistoryPrefix}{SafeKey(executionId)}-{sequence.ToString("D7", CultureInfo.InvariantCulture)}";

    /// <summary>Row key prefix of every history row of one execution.</summary>
    public static string HistoryRowPrefix(string executionId) => $"{HistoryPrefix}{SafeKey(executionId)}-";

    /// <summary>Row key of the outbox row written by commit generation <paramref name="generation"/>.</summary>
    public static string OutboxRowKey(long generation) => OutboxPrefix + generation.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>Parses the sequence number at the end of a history row key.</summary>
    public static int SequenceOf(string rowKey) => int.Parse(rowKey.AsSpan(rowKey.Length - 7), CultureInfo.InvariantCulture);

    /// <summary>Replaces characters that table keys forbid.</summary>
    public static string SafeKey(string value) =>
        string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c;
            }
        });

    /// <summary>Rough serialized size of an entity, for keeping batches under the 4 MiB payload limit.</summary>
    public static int EstimateBytes(ITableEntity entity)
    {
        var size = 200 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2);
        if (entity is TableEntity table)
        {
            foreach (var pair in table)
            {
                size += 40 + (pair.Key.Length * 2) + (pair.Value is string s ? s.Length * 2 : 16);
            }
        }

        return size;
    }

    /// <summary>Serializes a history event.</summary>
    public static string SerializeEvent(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, DurableJson.Options);

    /// <summary>Deserializes a history event.</summary>
    public static HistoryEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize<HistoryEvent>(json, DurableJson.Options) ?? throw new InvalidDataException("Empty history event.");

    /// <summary>Reads a nullable UTC date property.</summary>
    public static DateTime? GetUtc(TableEntity entity, string name) =>
        entity.GetDateTimeOffset(name) is { } value ? value.UtcDateTime : null;

    /// <summary>Reads the status property.</summary>
    public static OrchestrationRuntimeStatus GetStatus(TableEntity entity) =>
        Enum.Parse<OrchestrationRuntimeStatus>(entity.GetString("Status") ?? nameof(OrchestrationRuntimeStatus.Pending));
}
