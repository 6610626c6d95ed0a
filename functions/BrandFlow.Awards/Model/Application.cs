using BrandFlow.Policy.Calculation;

namespace BrandFlow.Awards.Model;

/// <summary>Where an application (申报) stands. Changes only through the application orchestration.</summary>
public enum ApplicationStatus
{
    /// <summary>Received; automatic document check running.</summary>
    Submitted,

    /// <summary>Automatic check done; waiting for a clerk to confirm (形式审查).</summary>
    AwaitingClerk,

    /// <summary>Defects sent back to the applicant, waiting for a correction before the deadline (补正).</summary>
    AwaitingCorrection,

    /// <summary>No correction by the deadline: lapsed (逾期未补正).</summary>
    Lapsed,

    /// <summary>In departmental review (部门审核).</summary>
    InReview,

    /// <summary>A reviewer asked for more information; waiting for the applicant.</summary>
    AwaitingInformation,

    /// <summary>Every award rejected, or nothing eligible.</summary>
    Rejected,

    /// <summary>Review done; waiting for the cycle's fiscal approval (财政审批).</summary>
    AwaitingFiscalApproval,

    /// <summary>Budget exhausted under the priority rule: on the waitlist.</summary>
    Waitlisted,

    /// <summary>On the published list (公示).</summary>
    InPublicNotice,

    /// <summary>An objection was filed: held and back in review.</summary>
    Objected,

    /// <summary>Payment instructions issued (拨付), waiting for the bank.</summary>
    PayoutIssued,

    /// <summary>Every approved award confirmed paid by the bank.</summary>
    Paid,

    /// <summary>Withdrawn by the applicant or ended by an administrator.</summary>
    Withdrawn,
}

/// <summary>An evidence file as validated on the server after upload.</summary>
/// <param name="FileId">Id of the file (also names its blob).</param>
/// <param name="EvidenceType">Catalog evidence type id (e.g. "certificate", "patent-certificate").</param>
/// <param name="FileName">Name the applicant gave it (display only; the type is judged by content).</param>
/// <param name="ContentType">Type judged from the content's magic bytes (application/pdf, image/png, ...).</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
public sealed record EvidenceFile(string FileId, string EvidenceType, string FileName, string ContentType, long Length, string Sha256);

/// <summary>One claim of an application: an achievement (calculator input) and the evidence files for it.</summary>
/// <param name="ClaimId">Id within the application; also the calculator's achievement id.</param>
/// <param name="Achievement">What was achieved (kind, level, date, count, identifiers, facts).</param>
/// <param name="EvidenceFileIds">Files supporting the claim.</param>
public sealed record ClaimInput(string ClaimId, AchievementInput Achievement, IReadOnlyList<string> EvidenceFileIds);

/// <summary>What an applicant submits: the input of the application orchestration.</summary>
public sealed record ApplicationSubmission(
    string ApplicationId,
    string CycleId,
    Firm Firm,
    string SubmittedBy,
    IReadOnlyList<ClaimInput> Claims,
    IReadOnlyList<EvidenceFile> Evidence,
    DateTimeOffset SubmittedAt);

/// <summary>A defect found in the document check (automatic or by the clerk), sent back as part of a list.</summary>
/// <param name="Code">Stable code: missing-evidence, duplicate-file, duplicate-identifier, invalid-credit-code, already-paid, clerk.</param>
/// <param name="ClaimId">Claim concerned, when one.</param>
/// <param name="MessageZh">Message in Chinese.</param>
/// <param name="MessageEn">Message in English.</param>
public sealed record Defect(string Code, string? ClaimId, string MessageZh, string MessageEn);

/// <summary>Outcome of a review decision.</summary>
public enum ReviewOutcome
{
    /// <summary>Approve (同意).</summary>
    Approve,

    /// <summary>Reject with reason (不同意).</summary>
    Reject,

    /// <summary>Ask the applicant for more information (补充材料).</summary>
    RequestInformation,
}

/// <summary>One award line of an application: a clause the calculator awarded, and what happened to it since.</summary>
/// <param name="AwardId">"{applicationId}:{claimId}:{clauseId}": the idempotency root of its payout.</param>
/// <param name="ClaimId">Claim the award is for.</param>
/// <param name="ClauseId">Clause awarding it.</param>
/// <param name="ClauseVersion">Clause version it was judged under.</param>
/// <param name="DepartmentId">Department reviewing it (from the catalog).</param>
/// <param name="TreasuryId">Treasury paying it.</param>
/// <param name="EstimatedAmount">The calculator's amount.</param>
/// <param name="ApprovedAmount">Amount after fiscal approval (pro-rata may cut it); null until then.</param>
/// <param name="State">pending | approved | rejected | waitlisted | held | paid.</param>
/// <param name="Level">Level of the achievement, for the ledger.</param>
/// <param name="Subject">Subject, for once-per-level rules.</param>
/// <param name="Identifiers">Identifiers, for the ledger and duplicate checks.</param>
/// <param name="AchievedOn">Date of the achievement.</param>
public sealed record AwardLine(
    string AwardId,
    string ClaimId,
    string ClauseId,
    int ClauseVersion,
    string DepartmentId,
    string TreasuryId,
    decimal EstimatedAmount,
    decimal? ApprovedAmount,
    string State,
    string? Level,
    string? Subject,
    IReadOnlyList<string> Identifiers,
    DateOnly? AchievedOn);

/// <summary>A review decision with who, when and why.</summary>
public sealed record ReviewDecision(
    string DepartmentId,
    ReviewOutcome Outcome,
    string DecidedBy,
    DateTimeOffset DecidedAt,
    string? Reason,
    IReadOnlyList<string>? AwardIds = null);

/// <summary>
/// The read model of an application (what pages, the API and the cycle query), written only by the application
/// orchestration's activities; <see cref="Revision"/> grows with every write so a late, replayed write never wins.
/// </summary>
public sealed record ApplicationRecord(
    string ApplicationId,
    string CycleId,
    Firm Firm,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    ApplicationStatus Status,
    IReadOnlyList<ClaimInput> Claims,
    IReadOnlyList<EvidenceFile> Evidence,
    IReadOnlyList<AwardLine> Awards,
    IReadOnlyList<ClauseVersionUsed> ClauseVersions,
    IReadOnlyList<Defect> Defects,
    DateOnly? CorrectionDeadline,
    IReadOnlyList<ReviewDecision> Decisions,
    IReadOnlyDictionary<string, string> ReviewersByDepartment,
    long Revision,
    DateTimeOffset UpdatedAt,
    string? Estimate = null);
