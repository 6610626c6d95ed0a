using Azure;
using Azure.Data.Tables;
using BrandFlow.Awards.AzureStorage.Internal;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.AzureStorage;

/// <summary>
/// The append-only audit log: PK = subject id; per entry two rows inserted in one batch (atomic): a key marker
/// RK "k|{sha256(key)}" and the entry RK "t|{UTC ticks, 19 digits}|{sha256(key) head}", so entries sort by time and a
/// repeated key fails the whole batch (no-op). This class has no update or delete: nothing can overwrite history.
/// </summary>
public sealed class TableAuditLog : IAuditLog
{
    private readonly TableClient table;
    private readonly JsonPayloads payloads;

    internal TableAuditLog(TableClient table, JsonPayloads payloads)
    {
        this.table = table;
        this.payloads = payloads;
    }

    /// <inheritdoc/>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (string.IsNullOrWhiteSpace(entry.SubjectId) || string.IsNullOrWhiteSpace(entry.Key) || string.IsNullOrWhiteSpace(entry.Action))
        {
            throw new ArgumentException("审计记录缺少对象、动作或幂等键 / The audit entry lacks its subject, action or key.", nameof(entry));
        }

        var partitionKey = StorageKeys.Encode(entry.SubjectId);
        var keyHash = StorageKeys.Hash(entry.Key);
        var marker = new TableEntity(partitionKey, "k|" + keyHash) { ["Key"] = entry.Key };
        var row = new TableEntity(partitionKey, $"t|{entry.At.UtcTicks:D19}|{keyHash[..16]}")
        {
            ["Action"] = entry.Action,
            ["Actor"] = entry.Actor,
            ["At"] = entry.At.ToUniversalTime(),
        };
        await this.payloads.SetAsync(row, this.table.Name, entry, cancellationToken).ConfigureAwait(false);
        try
        {
            await this.table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, marker), new TableTransactionAction(TableTransactionActionType.Add, row)],
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == TableExtensions.Conflict)
        {
            // The key (or its exact row) is already recorded: an append is idempotent, never an overwrite.
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Encode(subjectId)} and RowKey ge {"t|"} and RowKey lt {"t}"}");
        var entries = new List<AuditEntry>();
        foreach (var row in await this.table.QueryAllAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            entries.Add(await this.payloads.GetAsync<AuditEntry>(row, cancellationToken).ConfigureAwait(false));
        }

        return entries;
    }
}
