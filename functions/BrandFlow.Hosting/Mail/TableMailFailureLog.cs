using Azure;
using Azure.Data.Tables;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Hosting.Mail;

/// <summary>Failed sends in a table (partition = hash of the idempotency key), listed to administrators until a later attempt succeeds.</summary>
public sealed class TableMailFailureLog : IMailFailureLog
{
    private const string RowKey = "failure";
    private readonly EnsuredTable table;
    private readonly TimeProvider clock;

    /// <summary>Uses the given table (created on first use).</summary>
    public TableMailFailureLog(TableClient table, TimeProvider clock)
    {
        this.table = new EnsuredTable(table);
        this.clock = clock;
    }

    /// <summary>
    /// Records the failure of a key, replacing an earlier one but never lowering its attempt count (a caller recording
    /// "1 attempt" after the sender recorded its retries keeps the higher count). A resolved failure is listed again.
    /// </summary>
    public async Task RecordAsync(MailFailure failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var earlier = await GetAsync(failure.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        var attempts = Math.Max(failure.Attempts, earlier?.Attempts ?? 0);
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(MailTables.KeyHash(failure.IdempotencyKey), RowKey)
        {
            ["IdempotencyKey"] = MailTables.Clip(failure.IdempotencyKey),
            ["To"] = failure.To,
            ["Subject"] = MailTables.Clip(failure.Subject),
            ["Error"] = MailTables.Clip(failure.Error),
            ["Attempts"] = attempts,
            ["LastAttemptAt"] = failure.LastAttemptAt,
            ["Resolved"] = false,
        };
        await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Unresolved failures, newest first.</summary>
    public async Task<IReadOnlyList<MailFailure>> ListAsync(CancellationToken cancellationToken = default)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var failures = new List<MailFailure>();
        await foreach (var row in client.QueryAsync<TableEntity>(e => e.GetBoolean("Resolved") == false, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            failures.Add(ToFailure(row));
        }

        return [.. failures.OrderByDescending(f => f.LastAttemptAt)];
    }

    /// <summary>The unresolved failure of a key, if any (its attempts add up across sends).</summary>
    public async Task<MailFailure?> GetAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var row = await GetRowAsync(idempotencyKey, cancellationToken).ConfigureAwait(false);
        return row is null || row.GetBoolean("Resolved") == true ? null : ToFailure(row);
    }

    /// <summary>Marks the key's failure resolved (a later attempt succeeded); nothing happens when there is none.</summary>
    public async Task ResolveAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var row = await GetRowAsync(idempotencyKey, cancellationToken).ConfigureAwait(false);
        if (row is null || row.GetBoolean("Resolved") == true)
        {
            return;
        }

        row["Resolved"] = true;
        row["ResolvedAt"] = clock.GetUtcNow();
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await client.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // A concurrent send recorded a newer failure after this success: that one stands.
        }
    }

    private async Task<TableEntity?> GetRowAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await client.GetEntityIfExistsAsync<TableEntity>(MailTables.KeyHash(idempotencyKey), RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? row.Value : null;
    }

    private static MailFailure ToFailure(TableEntity row) => new(
        row.GetString("IdempotencyKey") ?? string.Empty,
        row.GetString("To") ?? string.Empty,
        row.GetString("Subject") ?? string.Empty,
        row.GetString("Error") ?? string.Empty,
        row.GetInt32("Attempts") ?? 0,
        row.GetDateTimeOffset("LastAttemptAt") ?? DateTimeOffset.MinValue);
}
