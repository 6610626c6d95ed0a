using BrandFlow.Awards.Fiscal;
using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// The contract between the workflow (orchestrations) and its callers (API, pages, CLI): orchestrator names,
/// instance ids and external events with their payloads. Callers start and signal orchestrations only through these.
/// </summary>
public static class WorkflowNames
{
    /// <summary>Annual cycle orchestration; instance id = cycle id; input <see cref="CycleDefinition"/>.</summary>
    public const string Cycle = "AwardCycle";

    /// <summary>Application orchestration; instance id = application id; input <see cref="ApplicationSubmission"/>.</summary>
    public const string Application = "AwardApplication";

    /// <summary>One department's review of an application (sub-orchestration); instance id from <see cref="WorkflowIds.Review"/>.</summary>
    public const string DepartmentReview = "DepartmentReview";
}

/// <summary>Instance ids derived from domain ids, so a caller can address a running step without a lookup.</summary>
public static class WorkflowIds
{
    /// <summary>Instance id of a department's review of an application.</summary>
    public static string Review(string applicationId, string departmentId) => $"{applicationId}~review~{departmentId}";

    /// <summary>The one-time key of a review round: any one decision link of the round consumes it.</summary>
    public static string ReviewRound(string applicationId, string departmentId, int round) => $"{applicationId}~review~{departmentId}~{round}";
}

/// <summary>External event names. Payload types are the records below.</summary>
public static class WorkflowEvents
{
    /// <summary>To an application: the clerk confirmed the document check (<see cref="ClerkCheckEvent"/>).</summary>
    public const string ClerkChecked = "ClerkChecked";

    /// <summary>To an application: the applicant corrected defects (<see cref="CorrectionEvent"/>).</summary>
    public const string CorrectionSubmitted = "CorrectionSubmitted";

    /// <summary>To a department review: a reviewer decided (<see cref="ReviewDecisionEvent"/>).</summary>
    public const string ReviewDecided = "ReviewDecided";

    /// <summary>To a department review: the applicant answered a request for information (<see cref="InformationEvent"/>).</summary>
    public const string InformationProvided = "InformationProvided";

    /// <summary>To a department review: an administrator reassigned it (<see cref="ReassignEvent"/>).</summary>
    public const string ReviewerReassigned = "ReviewerReassigned";

    /// <summary>To an application: an objection during the public notice (<see cref="ObjectionEvent"/>).</summary>
    public const string ObjectionFiled = "ObjectionFiled";

    /// <summary>To an application, from its cycle: fiscal approval result (<see cref="FiscalDecisionEvent"/>).</summary>
    public const string FiscalDecided = "FiscalDecided";

    /// <summary>To an application, from its cycle: the public notice opened (<see cref="NoticeEvent"/>).</summary>
    public const string NoticeOpened = "NoticeOpened";

    /// <summary>To an application, from its cycle: the notice ended; pay what is not held (<see cref="PayoutReleaseEvent"/>).</summary>
    public const string PayoutReleased = "PayoutReleased";

    /// <summary>To an application: the bank confirmed (or failed) a payment (<see cref="PaymentConfirmationEvent"/>).</summary>
    public const string PaymentConfirmed = "PaymentConfirmed";

    /// <summary>To an application: withdrawn by the applicant or an administrator (<see cref="WithdrawEvent"/>).</summary>
    public const string Withdrawn = "Withdrawn";

    /// <summary>To a cycle: an administrator closes the window now (<see cref="AdminActionEvent"/>).</summary>
    public const string CloseWindow = "CloseWindow";

    /// <summary>To a cycle: finance approves the batch with a rule (<see cref="FiscalApprovalEvent"/>).</summary>
    public const string FiscalApproved = "FiscalApproved";

    /// <summary>To a cycle: an administrator ends the cycle after payments (<see cref="AdminActionEvent"/>).</summary>
    public const string CloseCycle = "CloseCycle";
}

/// <summary>The clerk's confirmation: approved as is, or defects to send back.</summary>
public sealed record ClerkCheckEvent(string Clerk, bool Approved, IReadOnlyList<Defect> Defects, DateTimeOffset At);

/// <summary>The applicant's correction: claims and evidence as corrected (replacing the previous ones).</summary>
public sealed record CorrectionEvent(string By, IReadOnlyList<ClaimInput> Claims, IReadOnlyList<EvidenceFile> Evidence, DateTimeOffset At);

/// <summary>A reviewer's decision for one round of a department review.</summary>
public sealed record ReviewDecisionEvent(string DepartmentId, int Round, ReviewOutcome Outcome, string By, string? Reason, DateTimeOffset At);

/// <summary>The applicant's answer to a request for information.</summary>
public sealed record InformationEvent(string By, string Answer, IReadOnlyList<EvidenceFile> Evidence, DateTimeOffset At);

/// <summary>An administrator's reassignment of a department review to another reviewer.</summary>
public sealed record ReassignEvent(string DepartmentId, string NewReviewer, string By, DateTimeOffset At);

/// <summary>An objection (异议) filed during the notice, against one award or (null) the whole application.</summary>
public sealed record ObjectionEvent(string? AwardId, string By, string Reason, DateTimeOffset At);

/// <summary>Fiscal approval result for one application's awards.</summary>
public sealed record FiscalDecisionEvent(string BatchId, IReadOnlyList<Allocation> Allocations, AllocationRuleKind Rule, string ApprovedBy, DateTimeOffset At);

/// <summary>The public notice window of the cycle.</summary>
public sealed record NoticeEvent(DateOnly From, DateOnly To);

/// <summary>Release of payouts after the notice: the batch the instructions belong to.</summary>
public sealed record PayoutReleaseEvent(string BatchId, DateTimeOffset At);

/// <summary>A bank confirmation routed to the application of the instruction's award.</summary>
public sealed record PaymentConfirmationEvent(string AwardId, string Reference, bool Succeeded, DateOnly PaidOn, string? Message);

/// <summary>Withdrawal of an application.</summary>
public sealed record WithdrawEvent(string By, string Reason, DateTimeOffset At);

/// <summary>An administrator's action on a cycle.</summary>
public sealed record AdminActionEvent(string By, DateTimeOffset At);

/// <summary>Finance's approval of a cycle's batch under a rule (the simulated result shown before is what is applied).</summary>
public sealed record FiscalApprovalEvent(AllocationRuleKind Rule, string ApprovedBy, DateTimeOffset At);
