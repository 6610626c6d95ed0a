using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Ports;

/// <summary>The awards ledger (奖补台账) and the payment instructions: both keyed so a retry never pays twice.</summary>
public interface IAwardLedger
{
    /// <summary>Creates the instruction unless one with its idempotency key exists; returns the stored one either way.</summary>
    Task<PayoutInstruction> IssueInstructionAsync(PayoutInstruction instruction, CancellationToken cancellationToken = default);

    /// <summary>Instructions of a payment batch.</summary>
    Task<IReadOnlyList<PayoutInstruction>> ListBatchAsync(string batchId, CancellationToken cancellationToken = default);

    /// <summary>Marks the instruction with this reference paid on a date; false when no such reference.</summary>
    Task<bool> MarkPaidAsync(string reference, DateOnly paidOn, CancellationToken cancellationToken = default);

    /// <summary>Appends a ledger row unless one for the award exists; true when written now.</summary>
    Task<bool> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Ledger rows of a firm (what the calculator reads as prior awards).</summary>
    Task<IReadOnlyList<LedgerEntry>> ListByFirmAsync(string creditCode, CancellationToken cancellationToken = default);
}
