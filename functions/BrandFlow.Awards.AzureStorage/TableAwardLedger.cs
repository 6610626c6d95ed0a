using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BrandFlow.Awards.AzureStorage.Internal;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.AzureStorage;

/// <summary>
/// Payment instructions and the awards ledger (奖补台账). Payouts table: PK "instruction|{idempotencyKey}" (the one
/// truth, insert-only except PaidOn), PK "reference|{reference}" (unique reference → key, reserved first) and
/// PK "batch|{batchId}" with RK = key (a copy for batch listing). Ledger table: PK = credit code, RK = award id,
/// insert-if-absent. A retry or a race never creates a second instruction or ledger row.
/// </summary>
public sealed class TableAwardLedger : IAwardLedger
{
    private const string InstructionRow = "instruction";
    private const string ReferenceRow = "reference";
    private const string KeyColumn = "IdempotencyKey";
    private const string PaidOnColumn = "PaidOn";

    private readonly TableClient payouts;
    private readonly TableClient ledger;
    private readonly JsonPayloads payloads;

    internal TableAwardLedger(TableClient payouts, TableClient ledger, JsonPayloads payloads)
    {
        this.payouts = payouts;
        this.ledger = ledger;
        this.payloads = payloads;
    }

    /// <inheritdoc/>
    public async Task<PayoutInstruction> IssueInstructionAsync(PayoutInstruction instruction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        if (string.IsNullOrWhiteSpace(instruction.IdempotencyKey) || string.IsNullOrWhiteSpace(instruction.BatchId) || string.IsNullOrWhiteSpace(instruction.Reference))
        {
            throw new ArgumentException("拨付指令缺少幂等键、批次或参考号 / The payment instruction lacks its idempotency key, batch or reference.", nameof(instruction));
        }

        if (instruction.Amount <= 0)
        {
            throw new ArgumentException($"拨付金额须为正数：{instruction.Amount} / The payment amount must be positive: {instruction.Amount}.", nameof(instruction));
        }

        // 1. Reserve the reference for this key, so two instructions can never share one (nothing written if taken).
        var referenceRow = new TableEntity(StorageKeys.Partition(ReferenceRow, instruction.Reference), ReferenceRow) { [KeyColumn] = instruction.IdempotencyKey };
        if (!await this.payouts.TryAddAsync(referenceRow, cancellationToken).ConfigureAwait(false))
        {
            var owner = await this.payouts.GetOrNullAsync(referenceRow.PartitionKey, ReferenceRow, cancellationToken).ConfigureAwait(false);
            if (owner?.GetString(KeyColumn) is { } key && key != instruction.IdempotencyKey)
            {
                throw new InvalidOperationException(
                    $"付款参考号“{instruction.Reference}”已被其他拨付指令使用 / The payment reference \"{instruction.Reference}\" already belongs to another instruction.");
            }
        }

        // 2. The instruction itself: insert; when the key exists, the stored one wins (never a second instruction).
        var entity = await this.InstructionEntityAsync(InstructionPartition(instruction.IdempotencyKey), InstructionRow, instruction, cancellationToken).ConfigureAwait(false);
        var stored = instruction;
        if (!await this.payouts.TryAddAsync(entity, cancellationToken).ConfigureAwait(false))
        {
            stored = await this.GetInstructionAsync(instruction.IdempotencyKey, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Instruction {instruction.IdempotencyKey} conflicted but cannot be read.");
        }

        // 3. The batch copy (repaired by any retry).
        await this.WriteBatchCopyAsync(stored, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PayoutInstruction>> ListBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batchId);
        var rows = await this.payouts.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Partition("batch", batchId)}"), cancellationToken).ConfigureAwait(false);
        var list = new List<PayoutInstruction>(rows.Count);
        foreach (var row in rows)
        {
            list.Add(await this.payloads.GetAsync<PayoutInstruction>(row, cancellationToken).ConfigureAwait(false));
        }

        return list;
    }

    /// <inheritdoc/>
    public async Task<bool> MarkPaidAsync(string reference, DateOnly paidOn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var referenceRow = await this.payouts.GetOrNullAsync(StorageKeys.Partition(ReferenceRow, reference), ReferenceRow, cancellationToken).ConfigureAwait(false);
        if (referenceRow?.GetString(KeyColumn) is not { } key)
        {
            return false;
        }

        for (var attempt = 1; ; attempt++)
        {
            var row = await this.payouts.GetOrNullAsync(InstructionPartition(key), InstructionRow, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return false;
            }

            var instruction = await this.payloads.GetAsync<PayoutInstruction>(row, cancellationToken).ConfigureAwait(false);
            if (instruction.Reference != reference)
            {
                return false; // a reservation left by a retry that changed its reference: not this instruction's
            }

            if (instruction.PaidOn is not null)
            {
                await this.WriteBatchCopyAsync(instruction, cancellationToken).ConfigureAwait(false);
                return true; // already paid: the first confirmation's date stays
            }

            var paid = instruction with { PaidOn = paidOn };
            var entity = await this.InstructionEntityAsync(row.PartitionKey, row.RowKey, paid, cancellationToken).ConfigureAwait(false);
            try
            {
                await this.payouts.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == TableExtensions.PreconditionFailed && attempt < TableExtensions.MaxAttempts)
            {
                continue;
            }

            await this.WriteBatchCopyAsync(paid, cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    /// <inheritdoc/>
    public async Task<bool> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (string.IsNullOrWhiteSpace(entry.AwardId) || string.IsNullOrWhiteSpace(entry.CreditCode))
        {
            throw new ArgumentException("台账行缺少奖补编号或信用代码 / The ledger row lacks its award id or credit code.", nameof(entry));
        }

        var entity = new TableEntity(StorageKeys.Encode(entry.CreditCode), StorageKeys.Encode(entry.AwardId))
        {
            ["ClauseId"] = entry.ClauseId,
            ["Amount"] = entry.Amount.ToString(CultureInfo.InvariantCulture),
            ["CycleId"] = entry.CycleId,
        };
        await this.payloads.SetAsync(entity, this.ledger.Name, entry, cancellationToken).ConfigureAwait(false);
        return await this.ledger.TryAddAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LedgerEntry>> ListByFirmAsync(string creditCode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(creditCode);
        var rows = await this.ledger.QueryAllAsync(TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.Encode(creditCode)}"), cancellationToken).ConfigureAwait(false);
        var list = new List<LedgerEntry>(rows.Count);
        foreach (var row in rows)
        {
            list.Add(await this.payloads.GetAsync<LedgerEntry>(row, cancellationToken).ConfigureAwait(false));
        }

        return list;
    }

    private static string InstructionPartition(string key) => StorageKeys.Partition(InstructionRow, key);

    private async Task<PayoutInstruction?> GetInstructionAsync(string key, CancellationToken cancellationToken)
    {
        var row = await this.payouts.GetOrNullAsync(InstructionPartition(key), InstructionRow, cancellationToken).ConfigureAwait(false);
        return row is null ? null : await this.payloads.GetAsync<PayoutInstruction>(row, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TableEntity> InstructionEntityAsync(string partitionKey, string rowKey, PayoutInstruction instruction, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            [KeyColumn] = instruction.IdempotencyKey,
            ["BatchId"] = instruction.BatchId,
            ["Reference"] = instruction.Reference,
            ["Amount"] = instruction.Amount.ToString(CultureInfo.InvariantCulture),
            [PaidOnColumn] = instruction.PaidOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        };
        await this.payloads.SetAsync(entity, this.payouts.Name, instruction, cancellationToken).ConfigureAwait(false);
        return entity;
    }

    /// <summary>Inserts the batch copy, or updates it only to record a payment (it never goes back to unpaid).</summary>
    private async Task WriteBatchCopyAsync(PayoutInstruction instruction, CancellationToken cancellationToken)
    {
        var partitionKey = StorageKeys.Partition("batch", instruction.BatchId);
        var rowKey = StorageKeys.Encode(instruction.IdempotencyKey);
        for (var attempt = 1; ; attempt++)
        {
            var copy = await this.payouts.GetOrNullAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
            if (copy is not null && (instruction.PaidOn is null || copy.GetString(PaidOnColumn) is { Length: > 0 }))
            {
                return;
            }

            var entity = await this.InstructionEntityAsync(partitionKey, rowKey, instruction, cancellationToken).ConfigureAwait(false);
            try
            {
                if (copy is null)
                {
                    await this.payouts.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await this.payouts.UpdateEntityAsync(entity, copy.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (attempt < TableExtensions.MaxAttempts && ex.Status is TableExtensions.Conflict or TableExtensions.PreconditionFailed)
            {
                // Written concurrently: look again.
            }
        }
    }
}
