using Azure;
using Azure.Data.Tables;
using BrandFlow.Awards.AzureStorage.Internal;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.AzureStorage;

/// <summary>
/// Application and cycle read models in one table. Main row: PK = application id, RK "app" (the truth; written with
/// ETag concurrency so only a higher revision replaces it). Index rows, written after it and repaired by every
/// save: PK "cycle|{cycleId}" and PK "firm|{creditCode}", RK = application id, each a copy with Status and Revision
/// columns (status filters run on the server). Cycles: PK "cycles|", RK = cycle id. See README.md.
/// </summary>
public sealed class TableApplicationStore : IApplicationStore
{
    private const string MainRow = "app";
    private const string CyclesPartition = "cycles|";
    private const string RevisionColumn = "Revision";
    private const string StatusColumn = "Status";

    private readonly TableClient table;
    private readonly JsonPayloads payloads;

    internal TableApplicationStore(TableClient table, JsonPayloads payloads)
    {
        this.table = table;
        this.payloads = payloads;
    }

    /// <inheritdoc/>
    public async Task SaveAsync(ApplicationRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrWhiteSpace(record.ApplicationId) || string.IsNullOrWhiteSpace(record.CycleId) || string.IsNullOrWhiteSpace(record.Firm?.CreditCode))
        {
            throw new ArgumentException("申报记录缺少编号、年度或信用代码 / The application record lacks its id, cycle or credit code.", nameof(record));
        }

        // The main row decides; the index rows then copy whatever won (ours, or a newer stored one).
        var winner = await this.WriteIfNewerAsync(StorageKeys.Encode(record.ApplicationId), MainRow, record, cancellationToken).ConfigureAwait(false);
        var rowKey = StorageKeys.Encode(winner.ApplicationId);
        await this.WriteIfNewerAsync(StorageKeys.Partition("cycle", winner.CycleId), rowKey, winner, cancellationToken).ConfigureAwait(false);
        await this.WriteIfNewerAsync(StorageKeys.Partition("firm", winner.Firm.CreditCode), rowKey, winner, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<ApplicationRecord?> GetAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        for (var attempt = 1; ; attempt++)
        {
            var row = await this.table.GetOrNullAsync(StorageKeys.Encode(applicationId), MainRow, cancellationToken).ConfigureAwait(false);
            try
            {
                return row is null ? null : await this.payloads.GetAsync<ApplicationRecord>(row, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (JsonPayloads.IsReplacedBlob(ex) && attempt < TableExtensions.MaxAttempts)
            {
                // Replaced between our two reads: read the new row.
            }
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ApplicationRecord>> ListByCycleAsync(string cycleId, ApplicationStatus? status = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cycleId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Partition("cycle", cycleId)}");
        if (status is { } wanted)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {wanted.ToString()}");
        }

        return this.ListAsync<ApplicationRecord>(filter, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ApplicationRecord>> ListByFirmAsync(string creditCode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(creditCode);
        return this.ListAsync<ApplicationRecord>(TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Partition("firm", creditCode)}"), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task SaveCycleAsync(CycleRecord cycle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (string.IsNullOrWhiteSpace(cycle.Definition?.CycleId))
        {
            throw new ArgumentException("年度缺少编号 / The cycle has no id.", nameof(cycle));
        }

        var entity = new TableEntity(CyclesPartition, StorageKeys.Encode(cycle.Definition.CycleId))
        {
            [StatusColumn] = cycle.Status.ToString(),
        };
        await this.payloads.SetAsync(entity, this.table.Name, cycle, cancellationToken).ConfigureAwait(false);
        await this.table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<CycleRecord?> GetCycleAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cycleId);
        var row = await this.table.GetOrNullAsync(CyclesPartition, StorageKeys.Encode(cycleId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : await this.payloads.GetAsync<CycleRecord>(row, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<CycleRecord>> ListCyclesAsync(CancellationToken cancellationToken = default) =>
        this.ListAsync<CycleRecord>(TableClient.CreateQueryFilter($"PartitionKey eq {CyclesPartition}"), cancellationToken);

    private async Task<IReadOnlyList<T>> ListAsync<T>(string filter, CancellationToken cancellationToken)
    {
        var records = new List<T>();
        foreach (var row in await this.table.QueryAllAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            records.Add(await this.payloads.GetAsync<T>(row, cancellationToken).ConfigureAwait(false));
        }

        return records;
    }

    /// <summary>Writes the record into a row unless the row holds the same or a higher revision; returns what the row holds afterwards.</summary>
    private async Task<ApplicationRecord> WriteIfNewerAsync(string partitionKey, string rowKey, ApplicationRecord record, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await this.table.GetOrNullAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
            try
            {
                if (stored is not null && (stored.GetInt64(RevisionColumn) ?? long.MinValue) >= record.Revision)
                {
                    return await this.payloads.GetAsync<ApplicationRecord>(stored, cancellationToken).ConfigureAwait(false);
                }

                var entity = new TableEntity(partitionKey, rowKey)
                {
                    [RevisionColumn] = record.Revision,
                    [StatusColumn] = record.Status.ToString(),
                    ["CycleId"] = record.CycleId,
                    ["CreditCode"] = record.Firm.CreditCode,
                };
                await this.payloads.SetAsync(entity, this.table.Name, record, cancellationToken).ConfigureAwait(false);
                if (stored is null)
                {
                    await this.table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await this.table.UpdateEntityAsync(entity, stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    await this.payloads.ForgetReplacedAsync(stored, entity, cancellationToken).ConfigureAwait(false);
                }

                return record;
            }
            catch (RequestFailedException ex) when (attempt < TableExtensions.MaxAttempts
                && (ex.Status is TableExtensions.Conflict or TableExtensions.PreconditionFailed || JsonPayloads.IsReplacedBlob(ex)))
            {
                // Another writer got there first: read again and compare revisions.
            }
        }
    }
}
