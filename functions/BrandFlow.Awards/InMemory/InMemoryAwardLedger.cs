using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.InMemory;

/// <summary>Payment instructions and ledger rows in process memory; both insert-if-absent, like the table-backed ledger.</summary>
public sealed class InMemoryAwardLedger : IAwardLedger
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, PayoutInstruction> instructions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LedgerEntry> entries = new(StringComparer.Ordinal);

    /// <summary>Every instruction (tests count them).</summary>
    public IReadOnlyList<PayoutInstruction> Instructions
    {
        get
        {
            lock (gate)
            {
                return instructions.Values.ToList();
            }
        }
    }

    /// <summary>Every ledger row (tests count them).</summary>
    public IReadOnlyList<LedgerEntry> Entries
    {
        get
        {
            lock (gate)
            {
                return entries.Values.ToList();
            }
        }
    }

    /// <inheritdoc />
    public Task<PayoutInstruction> IssueInstructionAsync(PayoutInstruction instruction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        lock (gate)
        {
            if (!instructions.TryGetValue(instruction.IdempotencyKey, out var stored))
            {
                if (instructions.Values.Any(i => i.Reference == instruction.Reference))
                {
                    throw new InvalidOperationException($"付款参考号重复 / duplicate payment reference '{instruction.Reference}'");
                }

                stored = instruction;
                instructions[instruction.IdempotencyKey] = stored;
            }

            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PayoutInstruction>> ListBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<PayoutInstruction> list = instructions.Values.Where(i => i.BatchId == batchId).OrderBy(i => i.AwardId, StringComparer.Ordinal).ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc />
    public Task<bool> MarkPaidAsync(string reference, DateOnly paidOn, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var match = instructions.Values.FirstOrDefault(i => i.Reference == reference);
            if (match is null)
            {
                return Task.FromResult(false);
            }

            instructions[match.IdempotencyKey] = match with { PaidOn = match.PaidOn ?? paidOn };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            return Task.FromResult(entries.TryAdd(entry.AwardId, entry));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerEntry>> ListByFirmAsync(string creditCode, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<LedgerEntry> list = entries.Values.Where(e => e.CreditCode == creditCode).OrderBy(e => e.AwardId, StringComparer.Ordinal).ToList();
            return Task.FromResult(list);
        }
    }
}
