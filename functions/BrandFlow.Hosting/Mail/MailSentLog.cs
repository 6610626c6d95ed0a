using Azure.Data.Tables;

namespace BrandFlow.Hosting.Mail;

/// <summary>Which idempotency keys were already accepted by SendGrid (table, partition = hash of the key).</summary>
public sealed class MailSentLog
{
    private const string RowKey = "sent";
    private readonly EnsuredTable table;

    /// <summary>Uses the given table (created on first use).</summary>
    public MailSentLog(TableClient table) => this.table = new EnsuredTable(table);

    /// <summary>True when a message was already accepted under the key.</summary>
    public async Task<bool> IsSentAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var row = await client.GetEntityIfExistsAsync<TableEntity>(MailTables.KeyHash(idempotencyKey), RowKey, ["PartitionKey"], cancellationToken).ConfigureAwait(false);
        return row.HasValue;
    }

    /// <summary>Records that SendGrid accepted the message under the key.</summary>
    public async Task MarkSentAsync(string idempotencyKey, string to, string subject, string? messageId, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        var client = await table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(MailTables.KeyHash(idempotencyKey), RowKey)
        {
            ["IdempotencyKey"] = MailTables.Clip(idempotencyKey),
            ["To"] = to,
            ["Subject"] = MailTables.Clip(subject),
            ["MessageId"] = messageId ?? string.Empty,
            ["SentAt"] = sentAt,
        };
        await client.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
