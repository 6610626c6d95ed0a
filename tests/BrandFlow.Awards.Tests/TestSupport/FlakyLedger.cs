using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.Tests.TestSupport;

/// <summary>An awards ledger that fails once after a number of successful writes (a crash in the middle of a batch).</summary>
internal sealed class FlakyLedger(IAwardLedger inner, int failAfterWrites) : IAwardLedger
{
    private int writes;

    public bool Failed { get; private set; }

    public Task<PayoutInstruction> IssueInstructionAsync(PayoutInstruction instruction, CancellationToken cancellationToken = default)
    {
        Tick();
        return inner.IssueInstructionAsync(instruction, cancellationToken);
    }

    public Task<IReadOnlyList<PayoutInstruction>> ListBatchAsync(string batchId, CancellationToken cancellationToken = default) => inner.ListBatchAsync(batchId, cancellationToken);

    public Task<bool> MarkPaidAsync(string reference, DateOnly paidOn, CancellationToken cancellationToken = default) => inner.MarkPaidAsync(reference, paidOn, cancellationToken);

    public Task<bool> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        Tick();
        return inner.AppendAsync(entry, cancellationToken);
    }

    public Task<IReadOnlyList<LedgerEntry>> ListByFirmAsync(string creditCode, CancellationToken cancellationToken = default) => inner.ListByFirmAsync(creditCode, cancellationToken);

    private void Tick()
    {
        if (!Failed && ++writes > failAfterWrites)
        {
            Failed = true;
            throw new IOException($"simulated storage failure after {failAfterWrites} ledger writes");
        }
    }
}
