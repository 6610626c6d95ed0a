using BrandFlow.Awards.Access;
using BrandFlow.Awards.Fiscal;
using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Awards.Workflow;

/// <summary>A button in an email: a path under the public base address, optionally with a signed token appended as ?t=.</summary>
public sealed record MailLink(string LabelZh, string LabelEn, string Path, LinkClaims? Signed = null);

/// <summary>
/// A message a workflow step sends: to one address, or to every staff member holding a role (of a department). The
/// activity composes it with <see cref="MailComposer"/>; each recipient's idempotency key is "{Key}:{email}".
/// </summary>
public sealed record MailRequest(
    MailKind Kind,
    string Key,
    string? To,
    Role? ToRole,
    string? ToDepartment,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<MailLink>? Links = null);

/// <summary>The audit record of a step (the key is derived by the orchestration: instance id + step).</summary>
public sealed record AuditNote(string SubjectId, string Action, string Actor, string? Detail, string Key);

/// <summary>
/// One state change: the read model to save (application and/or cycle), the audit entry and the mails. Every part is
/// idempotent (revision ordering, audit key, mail key), so the activity may run more than once.
/// </summary>
public sealed record StepRecord(ApplicationRecord? Application, CycleRecord? Cycle, AuditNote? Audit, DateTimeOffset At, IReadOnlyList<MailRequest> Mails);

/// <summary>What the estimate activity is asked: the submission (claims possibly corrected).</summary>
public sealed record EstimateRequest(ApplicationSubmission Submission);

/// <summary>The calculator's estimate turned into award lines, with what the cycle says about durations.</summary>
/// <param name="Awards">One line per awarded clause and claim.</param>
/// <param name="ClauseVersions">Clause versions the calculator read.</param>
/// <param name="Estimate">The calculator's full result as JSON (explanations of awards and refusals).</param>
/// <param name="Refusals">Refusals as "clause: reason" lines (for the applicant's mail).</param>
/// <param name="Durations">The cycle's step durations.</param>
/// <param name="CycleTitle">The cycle's title ("中文 / English").</param>
/// <param name="Error">A bilingual message when the submission cannot be evaluated (bad input, unknown cycle).</param>
public sealed record EstimateResult(
    IReadOnlyList<AwardLine> Awards,
    IReadOnlyList<ClauseVersionUsed> ClauseVersions,
    string? Estimate,
    IReadOnlyList<string> Refusals,
    StepDurations Durations,
    string CycleTitle,
    string? Error);

/// <summary>What the automatic document check is asked.</summary>
public sealed record DocumentCheckRequest(string ApplicationId, Firm Firm, IReadOnlyList<ClaimInput> Claims, IReadOnlyList<EvidenceFile> Evidence, IReadOnlyList<AwardLine> Awards);

/// <summary>Defects found, and the registry keys (hashes, identifiers) the application now holds.</summary>
public sealed record DocumentCheckResult(IReadOnlyList<Defect> Defects, IReadOnlyList<string> ClaimedKeys);


/// <summary>Keys an application gives back to the claim registry.</summary>
public sealed record ClaimRelease(string ApplicationId, IReadOnlyList<string> Keys);

/// <summary>The reviewers picked per department (department id → reviewer email).</summary>
public sealed record ReviewerPick(string ApplicationId, IReadOnlyList<string> Departments);

/// <summary>Input of a department review (sub-orchestration).</summary>
/// <param name="ApplicationId">Application reviewed.</param>
/// <param name="DepartmentId">Department reviewing.</param>
/// <param name="Reviewer">Reviewer email chosen by the application.</param>
/// <param name="ApplicantEmail">Applicant to ask for more information.</param>
/// <param name="FirmName">Firm name for mails.</param>
/// <param name="Awards">Award lines this department decides on.</param>
/// <param name="Round">First round number (rounds grow across re-reviews so old links stay stale).</param>
/// <param name="Durations">Working-day durations.</param>
public sealed record ReviewAssignment(
    string ApplicationId,
    string DepartmentId,
    string Reviewer,
    string ApplicantEmail,
    string FirmName,
    IReadOnlyList<AwardLine> Awards,
    int Round,
    StepDurations Durations);

/// <summary>Output of a department review: the final decision (null when withdrawn), every decision made, the last round and reviewer.</summary>
public sealed record ReviewResult(string DepartmentId, ReviewDecision? Decision, IReadOnlyList<ReviewDecision> Decisions, string Reviewer, int LastRound);

/// <summary>To a cycle's settlement watcher: an application reached the end of a phase ("review" or "payment").</summary>
public sealed record ApplicationSettledEvent(string ApplicationId, string Phase, ApplicationStatus Status);

/// <summary>Input of the settlement watcher (carried through ContinueAsNew).</summary>
/// <param name="CycleId">Cycle watched.</param>
/// <param name="Phase">"review" or "payment".</param>
/// <param name="WindowClosed">True once no new application can join the phase.</param>
/// <param name="Outstanding">Applications the read model said had not settled at the last count; null before the first count.</param>
public sealed record SettlementWatch(string CycleId, string Phase, bool WindowClosed, IReadOnlyList<string>? Outstanding);

/// <summary>What the read model says about a phase: how many applications are in it and which have not settled.</summary>
public sealed record SettlementCount(int Total, IReadOnlyList<string> Unsettled);

/// <summary>A fiscal simulation or approval for a cycle: the allocation and the application of each award.</summary>
public sealed record CycleAllocation(AllocationResult Result, IReadOnlyDictionary<string, string> ApplicationByAward);

/// <summary>Input of the allocation activity.</summary>
public sealed record AllocationRequest(string CycleId, AllocationRuleKind Rule);

/// <summary>One chunk of a payout batch: applications whose approved, unheld awards get instructions and ledger rows.</summary>
public sealed record PayoutChunk(string CycleId, string BatchId, IReadOnlyList<string> ApplicationIds);

/// <summary>Payouts of one application outside the cycle's batch (an award re-approved after the notice ended).</summary>
public sealed record PayoutAwards(string CycleId, string BatchId, string ApplicationId, IReadOnlyList<string> AwardIds);

/// <summary>The public notice window: first and last working day (both inclusive).</summary>
public sealed record NoticeWindow(DateOnly From, DateOnly To);

/// <summary>The deadlines of a cycle's application window.</summary>
public sealed record CycleWindow(Deadline Opens, Deadline Reminder, Deadline Closes);

/// <summary>
/// Mail to the registered firms of a jurisdiction, one page at a time: at most <paramref name="Take"/> firms (0: all)
/// whose credit code sorts after <paramref name="After"/>, so no activity outlives its queue lock however many firms.
/// </summary>
public sealed record FirmMailing(string Jurisdiction, MailKind Kind, string Key, IReadOnlyDictionary<string, string> Values, string? After = null, int Take = 0);

/// <summary>One page of a firm mailing: firms mailed, the last credit code of the page and whether firms remain.</summary>
public sealed record FirmMailingPage(int Mailed, string? Last, bool More);

/// <summary>From a department review to its application: the review waits (or no longer waits) for the applicant's information.</summary>
public sealed record ReviewProgressEvent(string DepartmentId, bool AwaitingInformation);
