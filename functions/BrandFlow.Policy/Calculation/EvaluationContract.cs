using System.Text.Json;
using BrandFlow.Policy.Catalog;

namespace BrandFlow.Policy.Calculation;

#pragma warning disable CA1002, CA2227 // JSON contract types: plain mutable shapes are the contract.

/// <summary>What the calculator is asked: an applicant, an as-of date, achievements and prior awards.</summary>
public sealed class EvaluationRequest
{
    /// <summary>The date the evaluation is made for (China Standard Time date).</summary>
    public DateOnly? AsOf { get; set; }

    /// <summary>The applicant.</summary>
    public ApplicantInput? Applicant { get; set; }

    /// <summary>Achievements claimed.</summary>
    public List<AchievementInput>? Achievements { get; set; }

    /// <summary>Awards already paid (the awards ledger).</summary>
    public List<PriorAward>? PriorAwards { get; set; }

    /// <summary>Amounts and pool shares entered by an administrator.</summary>
    public List<AdministratorEntry>? AdministratorEntries { get; set; }

    /// <summary>Optional: evaluate only these documents (an annual cycle's decision of what is in force).</summary>
    public List<string>? Documents { get; set; }
}

/// <summary>The applicant of an evaluation.</summary>
public sealed class ApplicantInput
{
    /// <summary>Registered name.</summary>
    public string? Name { get; set; }

    /// <summary>Unified social credit code (GB 32100-2015).</summary>
    public string? CreditCode { get; set; }

    /// <summary>Applicant kind (enterprise, association, ...).</summary>
    public string? Kind { get; set; }

    /// <summary>Affiliation (city / county), when a clause depends on it.</summary>
    public string? Affiliation { get; set; }

    /// <summary>Jurisdiction code where the applicant is registered.</summary>
    public string? Jurisdiction { get; set; }

    /// <summary>Date the applicant moved into its jurisdiction, for relocated-firm rules.</summary>
    public DateOnly? RelocatedOn { get; set; }
}

/// <summary>One achievement claimed.</summary>
public sealed class AchievementInput
{
    /// <summary>Caller's id for the achievement.</summary>
    public string? Id { get; set; }

    /// <summary>Achievement kind.</summary>
    public string? Kind { get; set; }

    /// <summary>Level; "none" when omitted.</summary>
    public string? Level { get; set; }

    /// <summary>Grade within the kind.</summary>
    public string? Grade { get; set; }

    /// <summary>Date achieved.</summary>
    public DateOnly? Date { get; set; }

    /// <summary>Count for per-unit and tier rules.</summary>
    public int? Count { get; set; }

    /// <summary>Base amounts for percentage rules.</summary>
    public Dictionary<string, decimal>? Amounts { get; set; }

    /// <summary>Identifiers (patent, certificate, standard numbers).</summary>
    public List<string>? Identifiers { get; set; }

    /// <summary>Subject (product or brand) for once-per-level rules.</summary>
    public string? Subject { get; set; }

    /// <summary>Facts checked by clause conditions.</summary>
    public Dictionary<string, JsonElement>? Facts { get; set; }
}

/// <summary>An award already paid, from the awards ledger.</summary>
public sealed class PriorAward
{
    /// <summary>Clause paid.</summary>
    public string? ClauseId { get; set; }

    /// <summary>Amount paid.</summary>
    public decimal Amount { get; set; }

    /// <summary>Date of the achievement paid.</summary>
    public DateOnly? Date { get; set; }

    /// <summary>Level paid; defaults to the clause's.</summary>
    public string? Level { get; set; }

    /// <summary>Subject paid.</summary>
    public string? Subject { get; set; }

    /// <summary>Identifiers paid.</summary>
    public List<string>? Identifiers { get; set; }
}

/// <summary>An amount or share an administrator entered for a clause (and optionally one achievement).</summary>
public sealed class AdministratorEntry
{
    /// <summary>Clause.</summary>
    public string? ClauseId { get; set; }

    /// <summary>Achievement, when the entry is for one claim only.</summary>
    public string? AchievementId { get; set; }

    /// <summary>Amount for externally set clauses.</summary>
    public decimal? Amount { get; set; }

    /// <summary>Share of a pool, in (0, 1].</summary>
    public decimal? Share { get; set; }
}

/// <summary>The calculator's answer.</summary>
public sealed record EvaluationResult(
    DateOnly AsOf,
    string ApplicantName,
    string CreditCode,
    string Jurisdiction,
    IReadOnlyList<Award> Awards,
    IReadOnlyList<NotAwarded> NotAwarded,
    decimal Total,
    IReadOnlyList<TreasuryTotal> TotalsByTreasury,
    IReadOnlyList<ClauseVersionUsed> ClauseVersions,
    IReadOnlyList<DocumentApplied> Documents);

/// <summary>A document the applicant was judged under, with what it says when it pays nothing by itself.</summary>
public sealed record DocumentApplied(string DocumentId, Text Title, string Status, int MoneyClauses, IReadOnlyList<Text> Notes);

/// <summary>One award with its explanation.</summary>
public sealed record Award(
    string ClauseId,
    int ClauseVersion,
    string ClauseHash,
    string DocumentId,
    string DocumentStatus,
    string Section,
    string AchievementId,
    decimal Amount,
    string TreasuryId,
    Text Treasury,
    string DepartmentId,
    Text Explanation,
    IReadOnlyList<Text> Obligations);

/// <summary>A clause considered and not awarded, with its reason.</summary>
public sealed record NotAwarded(
    string ClauseId,
    int ClauseVersion,
    string DocumentId,
    string AchievementId,
    string Reason,
    Text Explanation);

/// <summary>Amount per paying treasury.</summary>
public sealed record TreasuryTotal(string TreasuryId, Text Treasury, decimal Amount);

/// <summary>A clause version the evaluation read.</summary>
public sealed record ClauseVersionUsed(string ClauseId, int Version, string Hash);

/// <summary>Reason codes for clauses considered but not awarded.</summary>
public static class Reasons
{
    /// <summary>Achievement date outside the document or clause window.</summary>
    public const string OutsideWindow = "outside-window";

    /// <summary>The applicant kind may not claim the clause.</summary>
    public const string ApplicantKind = "applicant-kind";

    /// <summary>A condition is not met.</summary>
    public const string ConditionNotMet = "condition-not-met";

    /// <summary>The lowest tier is not reached.</summary>
    public const string TierNotReached = "tier-not-reached";

    /// <summary>Already paid (same identifier, same year, same level, or a higher level).</summary>
    public const string AlreadyPaid = "already-paid";

    /// <summary>The amount or share must be entered by an administrator first.</summary>
    public const string AwaitingAdministratorAmount = "awaiting-administrator-amount";

    /// <summary>The clause pays by affiliation and none was given.</summary>
    public const string AffiliationRequired = "affiliation-required";
}
