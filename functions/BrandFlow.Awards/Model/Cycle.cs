namespace BrandFlow.Awards.Model;

/// <summary>
/// An annual cycle (年度申报): one programme, one jurisdiction, one year. Opened by an administrator; run by
/// the cycle orchestration (instance id = <see cref="CycleId"/>).
/// </summary>
/// <param name="CycleId">Stable id, e.g. "421223-2026-brand".</param>
/// <param name="Jurisdiction">Jurisdiction code whose firms may apply.</param>
/// <param name="Year">Programme year.</param>
/// <param name="TitleZh">Title in Chinese.</param>
/// <param name="TitleEn">Title in English.</param>
/// <param name="Documents">Catalog documents in force for the cycle.</param>
/// <param name="Clauses">Optional subset of clauses in force; null means every money clause of the documents.</param>
/// <param name="OpensOn">First day applications are accepted (CST date); the cycle waits for it when in the future.</param>
/// <param name="ClosesOn">Last day applications are accepted (CST date, inclusive).</param>
/// <param name="AsOf">Date achievements are judged as of (the calculator's asOf), usually the end of the prior year.</param>
/// <param name="Durations">Working-day durations of the human steps.</param>
/// <param name="Budgets">Budget per paying treasury id, CNY.</param>
public sealed record CycleDefinition(
    string CycleId,
    string Jurisdiction,
    int Year,
    string TitleZh,
    string TitleEn,
    IReadOnlyList<string> Documents,
    IReadOnlyList<string>? Clauses,
    DateOnly OpensOn,
    DateOnly ClosesOn,
    DateOnly AsOf,
    StepDurations Durations,
    IReadOnlyDictionary<string, decimal> Budgets);

/// <summary>How long human steps last, in working days on the China calendar (reminders in calendar days where noted).</summary>
/// <param name="ReviewWorkingDays">Time a department has for its review.</param>
/// <param name="ReviewReminderWorkingDays">Reminder to the reviewer after N working days without a decision.</param>
/// <param name="ReviewEscalationWorkingDays">Escalation to the department head after M working days.</param>
/// <param name="CorrectionWorkingDays">Time an applicant has to correct defects.</param>
/// <param name="NoticeWorkingDays">Length of the public notice (公示).</param>
/// <param name="DeadlineReminderDays">Reminder to applicants this many calendar days before the window closes.</param>
public sealed record StepDurations(
    int ReviewWorkingDays = 10,
    int ReviewReminderWorkingDays = 3,
    int ReviewEscalationWorkingDays = 5,
    int CorrectionWorkingDays = 5,
    int NoticeWorkingDays = 7,
    int DeadlineReminderDays = 3);

/// <summary>Where a cycle stands.</summary>
public enum CycleStatus
{
    /// <summary>Opened by an administrator, waiting for its first day.</summary>
    Scheduled,

    /// <summary>Accepting applications.</summary>
    Open,

    /// <summary>Window closed; applications in check and review.</summary>
    Reviewing,

    /// <summary>Reviews done; finance to approve the batch against budgets.</summary>
    AwaitingFiscalApproval,

    /// <summary>Approved list published (公示).</summary>
    PublicNotice,

    /// <summary>Payment instructions issued; waiting for bank confirmations.</summary>
    Paying,

    /// <summary>Finished, report available.</summary>
    Closed,
}

/// <summary>The read model of a cycle (what pages and the API list), kept by the cycle's activities.</summary>
public sealed record CycleRecord(
    CycleDefinition Definition,
    CycleStatus Status,
    DateTimeOffset UpdatedAt,
    AllocationRuleKind? AllocationRule = null,
    DateOnly? NoticeEndsOn = null,
    string? PaymentBatchId = null,
    CycleReport? Report = null);

/// <summary>End-of-cycle report: counts and amounts by clause, department and treasury, budget used and left.</summary>
public sealed record CycleReport(
    string CycleId,
    int Applications,
    int AwardsPaid,
    decimal AmountPaid,
    IReadOnlyList<ReportLine> ByClause,
    IReadOnlyList<ReportLine> ByDepartment,
    IReadOnlyList<BudgetLine> ByTreasury);

/// <summary>One line of a report.</summary>
public sealed record ReportLine(string Key, int Count, decimal Amount);

/// <summary>Budget use of one treasury.</summary>
public sealed record BudgetLine(string TreasuryId, decimal Budget, decimal Used, decimal Left);
