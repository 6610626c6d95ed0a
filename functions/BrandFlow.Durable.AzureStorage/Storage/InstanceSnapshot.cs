using Azure;
using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.AzureStorage.Storage;

/// <summary>
/// What one worker knows about an instance partition at one ETag: status row, committed history of the current
/// execution, commit generation and unsent outbox rows. Immutable; a commit produces a new snapshot.
/// </summary>
public sealed record InstanceSnapshot
{
    /// <summary>An instance that has no rows at all.</summary>
    public static InstanceSnapshot Missing(string instanceId) => new() { InstanceId = instanceId };

    /// <summary>Instance id (partition key).</summary>
    public required string InstanceId { get; init; }

    /// <summary>Status row, or null when the instance row does not exist.</summary>
    public OrchestrationState? State { get; init; }

    /// <summary>ETag of the instance row; default when it does not exist.</summary>
    public ETag ETag { get; init; }

    /// <summary>Committed history of the current execution, in order.</summary>
    public IReadOnlyList<HistoryEvent> History { get; init; } = [];

    /// <summary>Commit generation: incremented by every commit; names the commit's outbox row.</summary>
    public long Generation { get; init; }

    /// <summary>Row keys of outbox rows present when the partition was read.</summary>
    public IReadOnlyList<string> OutboxRowKeys { get; init; } = [];

    /// <summary>Blob names already holding large status-row fields, keyed by field name, to avoid re-uploads.</summary>
    public IReadOnlyDictionary<string, BlobReference> FieldBlobs { get; init; } = new Dictionary<string, BlobReference>();

    /// <summary>Whether the instance row exists.</summary>
    public bool Exists => this.State is not null;
}

/// <summary>A large text stored in a blob, remembered with its length and hash to detect reuse.</summary>
/// <param name="BlobName">Blob name.</param>
/// <param name="Length">Text length in characters.</param>
/// <param name="Hash">Hash code of the text.</param>
public sealed record BlobReference(string BlobName, int Length, int Hash);
