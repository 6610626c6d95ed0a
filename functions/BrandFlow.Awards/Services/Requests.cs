using BrandFlow.Awards.Model;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Awards.Services;

/// <summary>Claims of an application (or of an estimate) for a cycle.</summary>
public sealed record ClaimsRequest(string CycleId, IReadOnlyList<ClaimInput> Claims);

/// <summary>An estimate: the calculator's result for the claims under the cycle's documents and the firm's ledger.</summary>
public sealed record EstimateResult(string CycleId, string CreditCode, EvaluationResult Evaluation);

/// <summary>Answer to a submission: the new application id (its orchestration is scheduled).</summary>
public sealed record SubmissionReceipt(string ApplicationId, string CycleId, ApplicationStatus Status, DateTimeOffset SubmittedAt, decimal EstimatedTotal);

/// <summary>A request for an upload slot.</summary>
public sealed record UploadSlotRequest(string EvidenceType, string FileName);

/// <summary>The applicant's answer to a request for information.</summary>
public sealed record InformationRequest(string? DepartmentId, string Answer, IReadOnlyList<string>? EvidenceFileIds);

/// <summary>The clerk's check: approve as is, or defects to send back.</summary>
public sealed record ClerkCheckRequest(bool Approved, IReadOnlyList<Defect>? Defects);

/// <summary>An administrator's reassignment of a department's review.</summary>
public sealed record ReassignRequest(string DepartmentId, string NewReviewer);

/// <summary>An objection during the public notice.</summary>
public sealed record ObjectionRequest(string? AwardId, string Reason);

/// <summary>A reason (withdrawal, rejection ...).</summary>
public sealed record ReasonRequest(string? Reason);

/// <summary>A decision by signed link: the token from the email and, for reject or request-information, the reason.</summary>
public sealed record DecisionRequest(string Token, string? Reason);

/// <summary>What a decision link will do, for whom, and whether it still works (no side effect).</summary>
public sealed record DecisionLinkView(
    bool Valid,
    string? FailureCode,
    string? MessageZh,
    string? MessageEn,
    string? ApplicationId,
    string? DepartmentId,
    int? Round,
    ReviewOutcome? Outcome,
    string? Recipient,
    DateTimeOffset? ExpiresAt,
    string? FirmName,
    IReadOnlyList<AwardLine>? Awards,
    bool? ForSignedInPerson);

/// <summary>What a sign-in link is for (no side effect).</summary>
public sealed record SignInLinkView(bool Valid, string? FailureCode, string? MessageZh, string? MessageEn, string? Email, DateTimeOffset? ExpiresAt);

/// <summary>A line of the published list (公示名单).</summary>
public sealed record NoticeLine(string ApplicationId, string FirmName, string CreditCode, string AwardId, string ClauseId, decimal Amount, DateOnly? NoticeEndsOn);

/// <summary>Result of a bank confirmation import.</summary>
public sealed record ConfirmationImport(int Lines, int MarkedPaid, int AlreadyPaid, int Failed);

/// <summary>The working-day calendar as stored (YAML) and read.</summary>
public sealed record CalendarView(string Yaml, IReadOnlyList<BrandFlow.Awards.Calendar.CalendarYear> Years);

/// <summary>A payment file of a batch.</summary>
public sealed record PaymentFile(string FileName, string ContentType, byte[] Content);
