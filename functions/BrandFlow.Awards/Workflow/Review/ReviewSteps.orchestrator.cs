using BrandFlow.Awards.Access;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>The dates of a review round: reminder, escalation and end of the period (links expire at its end).</summary>
public sealed record ReviewPeriod(DateOnly StartedOn, Deadline Reminder, Deadline Escalation, Deadline Ends);

/// <summary>State and steps of a department review (deterministic code, used by <see cref="DepartmentReviewOrchestrator"/>).</summary>
public sealed class ReviewSteps(TaskOrchestrationContext context, ReviewAssignment input)
{
    /// <summary>Purpose of review decision links.</summary>
    public const string LinkPurpose = "review-decision";

    /// <summary>Path of the decision page (GET shows a confirmation, POST decides).</summary>
    public const string DecidePath = "review/decide";

    /// <summary>
    /// Subject of a round's decision links, "{applicationId}/{departmentId}/{round}" (the form LinkClaims documents and the
    /// API parses); the API consumes <see cref="WorkflowIds.ReviewRound"/> as the round's one-time key.
    /// </summary>
    public static string LinkSubject(string applicationId, string departmentId, int round) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{applicationId}/{departmentId}/{round}");

    private readonly List<ReviewDecision> decisions = [];
    private DateOnly? expiresOn;
    private int step;

    /// <summary>Current round number.</summary>
    public int Round { get; private set; } = input.Round;

    /// <summary>Current reviewer.</summary>
    public string Reviewer { get; private set; } = input.Reviewer;

    private string InstanceId => context.InstanceId;

    /// <summary>Computes the round's dates and mails the reviewer three signed links valid until the end of the period.</summary>
    public async Task<ReviewPeriod> StartRoundAsync()
    {
        var d = input.Durations;
        DeadlineQuery[] queries =
        [
            new(DeadlineKind.ReviewReminder, d.ReviewReminderWorkingDays),
            new(DeadlineKind.ReviewEscalation, d.ReviewEscalationWorkingDays),
            new(DeadlineKind.ReviewEnds, d.ReviewWorkingDays),
        ];
        var answer = await context.CallActivityAsync<DeadlineAnswer>(AwardWorkflow.Activities.Deadlines, queries, Retry.Default);
        var period = new ReviewPeriod(answer.Today, answer.Deadlines[0], answer.Deadlines[1], answer.Deadlines[2]);
        expiresOn = period.Ends.Date;

        // The links expire when the period does (the instant its timer waits for).
        var expires = new DateTimeOffset(DateTime.SpecifyKind(period.Ends.DueUtc, DateTimeKind.Utc), TimeSpan.Zero);
        var subject = LinkSubject(input.ApplicationId, input.DepartmentId, Round);
        MailLink Link(string zh, string en, string action) =>
            new(zh, en, ReviewSteps.DecidePath, new LinkClaims(context.NewGuid().ToString("n"), LinkPurpose, subject, Reviewer.ToLowerInvariant(), action, expires));
        var links = new[]
        {
            Link("同意", "Approve", "approve"),
            Link("不同意（需说明理由）", "Reject (with reason)", "reject"),
            Link("要求补充材料", "Ask for more information", "request-information"),
        };
        await RecordAsync("review.requested", MailKind.ReviewRequested, Reviewer, null, links: links, detail: $"{Reviewer}, until {period.Ends.Date:yyyy-MM-dd}");
        return period;
    }

    /// <summary>Appends the audit entry of a step and sends its mail (to an address or to a role of the department).</summary>
    public async Task RecordAsync(string action, MailKind? kind, string? to, Role? role, string? actor = null, IReadOnlyList<MailLink>? links = null, string? detail = null)
    {
        var key = $"{InstanceId}:r{Round}:{++step}:{action}";
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["applicationId"] = input.ApplicationId,
            ["applicantName"] = input.FirmName,
            ["department"] = input.DepartmentId,
            ["reviewer"] = Reviewer,
            ["round"] = Round.ToString(inv),
            ["clauses"] = string.Join("; ", input.Awards.Select(a => $"{a.ClauseId} ({a.EstimatedAmount.ToString("0.##", inv)})")),
            ["amount"] = input.Awards.Sum(a => a.EstimatedAmount).ToString("0.##", inv),
            ["expiresAt"] = expiresOn?.ToString("yyyy-MM-dd", inv) ?? "—",
            ["waitingDays"] = (kind == MailKind.ReviewEscalated ? input.Durations.ReviewEscalationWorkingDays : input.Durations.ReviewReminderWorkingDays).ToString(inv),
            ["question"] = decisions.Count > 0 ? decisions[^1].Reason ?? "—" : "—",
            ["reason"] = detail ?? "—",
        };
        var mails = kind is { } k ? new[] { new MailRequest(k, $"{key}:{k}", to, role, role is null ? null : input.DepartmentId, values, links) } : [];
        var note = new AuditNote(input.ApplicationId, action, actor ?? "system", detail ?? $"{input.DepartmentId} round {Round}", key);
        await StepRecorder.RecordAsync(context, new StepRecord(null, null, note, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero), mails));
    }

    /// <summary>True when a decision is for this department's current round.</summary>
    public bool IsCurrent(ReviewDecisionEvent decision) =>
        decision is not null && decision.Round == Round && decision.DepartmentId == input.DepartmentId;

    /// <summary>Records a decision (who, when, why).</summary>
    public ReviewDecision Decide(ReviewDecisionEvent decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var recorded = new ReviewDecision(input.DepartmentId, decision.Outcome, decision.By, decision.At, decision.Reason, input.Awards.Select(a => a.AwardId).ToList());
        decisions.Add(recorded);
        WorkflowLog.ReviewDecided(context.CreateReplaySafeLogger<DepartmentReviewOrchestrator>(), InstanceId, Round, decision.Outcome.ToString());
        return recorded;
    }

    /// <summary>Changes the reviewer (the next round mails the new one).</summary>
    public void Reassign(ReassignEvent reassigned)
    {
        ArgumentNullException.ThrowIfNull(reassigned);
        Reviewer = reassigned.NewReviewer.Trim().ToLowerInvariant();
    }

    /// <summary>Moves to the next round.</summary>
    public void NextRound() => Round++;

    /// <summary>
    /// Records the decision to ask for information, mails the applicant with a deadline (correction working days) and
    /// waits for the answer; returns true when the application was withdrawn meanwhile. Answer or not, a new round follows.
    /// </summary>
    public async Task<bool> RequestInformationAsync(Task<WithdrawEvent> withdrawal)
    {
        var last = decisions[^1];
        DeadlineQuery[] query = [new(DeadlineKind.InformationDue, input.Durations.CorrectionWorkingDays)];
        var due = (await context.CallActivityAsync<DeadlineAnswer>(AwardWorkflow.Activities.Deadlines, query, Retry.Default)).Deadlines[0];
        var deadline = due.Date;
        await RecordAsync("review.information-requested", MailKind.InformationRequested, input.ApplicantEmail, null, last.DecidedBy,
            detail: $"{last.Reason} (deadline {deadline:yyyy-MM-dd})");
        context.SendEvent(input.ApplicationId, CycleSignals.ReviewProgress, new ReviewProgressEvent(input.DepartmentId, true));
        using var cancel = new CancellationTokenSource();
        var answer = context.WaitForExternalEvent<InformationEvent>(WorkflowEvents.InformationProvided, cancel.Token);
        var timeout = context.CreateTimer(due.DueUtc, cancel.Token);
        var first = await Task.WhenAny(answer, timeout, withdrawal);
        cancel.Cancel();
        if (first == withdrawal)
        {
            return true;
        }

        context.SendEvent(input.ApplicationId, CycleSignals.ReviewProgress, new ReviewProgressEvent(input.DepartmentId, false));

        await RecordAsync(first == answer ? "review.information-provided" : "review.information-missed", null, null, null,
            first == answer ? (await answer).By : null, detail: first == answer ? (await answer).Answer : null);
        return false;
    }

    /// <summary>The review's output.</summary>
    public ReviewResult Result(ReviewDecision? decision) => new(input.DepartmentId, decision, decisions.ToList(), Reviewer, Round);
}
