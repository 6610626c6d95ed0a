namespace BrandFlow.Awards.Model;

/// <summary>How a budget shortfall is resolved (documented and simulated before finance approves).</summary>
public enum AllocationRuleKind
{
    /// <summary>Everyone gets the same fraction of the amount asked (按比例).</summary>
    ProRata,

    /// <summary>In priority order until the budget runs out; the rest wait (按优先顺序 + 候补).</summary>
    Priority,
}

/// <summary>A payment instruction (拨付指令) for one award; <see cref="IdempotencyKey"/> is the award id, so one award is paid once.</summary>
public sealed record PayoutInstruction(
    string IdempotencyKey,
    string BatchId,
    string CycleId,
    string ApplicationId,
    string AwardId,
    string ClauseId,
    string TreasuryId,
    string PayeeName,
    string CreditCode,
    string BankName,
    string BankAccount,
    decimal Amount,
    string Reference,
    DateTimeOffset IssuedAt,
    DateOnly? PaidOn = null);

/// <summary>
/// A row of the awards ledger (奖补台账): what was paid, to whom, for which clause, level and subject. The ledger is
/// what later once-per-level and difference checks read; one row per award, keyed by the award id.
/// </summary>
public sealed record LedgerEntry(
    string AwardId,
    string CreditCode,
    string ClauseId,
    int ClauseVersion,
    string? Level,
    string? Subject,
    IReadOnlyList<string> Identifiers,
    DateOnly? AchievedOn,
    decimal Amount,
    string TreasuryId,
    string CycleId,
    string ApplicationId,
    DateTimeOffset RecordedAt);

/// <summary>A bank confirmation line (回单) imported to mark an instruction paid.</summary>
public sealed record BankConfirmation(string Reference, decimal Amount, DateOnly PaidOn, bool Succeeded, string? Message);
