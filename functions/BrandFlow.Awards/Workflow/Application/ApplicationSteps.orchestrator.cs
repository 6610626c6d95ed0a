using System.Globalization;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>What a human wait ended with: the event, a withdrawal, or the deadline.</summary>
public sealed record Waited<T>(T? Value, WithdrawEvent? Withdrawal, bool TimedOut)
{
    /// <summary>True when the awaited event arrived.</summary>
    public bool Arrived => !TimedOut && Withdrawal is null;
}

/// <summary>
/// The application orchestration's state and steps (deterministic code). It holds the read model as the orchestration
/// knows it; every change goes through <see cref="RecordAsync"/>, which bumps the revision (a counter replayed from the
/// history, so it is the same on every replay) and derives the audit and mail keys from the instance id and revision.
/// </summary>
public sealed class ApplicationSteps
{
    private readonly TaskOrchestrationContext context;
    private readonly Dictionary<string, int> nextRound = new(StringComparer.Ordinal);
    private readonly HashSet<string> claimedKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> settledPhases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> mailValues = new(StringComparer.Ordinal);

    /// <summary>Starts the state from the submission; the withdrawal wait lives as long as the orchestration.</summary>
    public ApplicationSteps(TaskOrchestrationContext context, ApplicationSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(submission);
        this.context = context;
        Submission = submission;
        Record = new ApplicationRecord(submission.ApplicationId, submission.CycleId, submission.Firm, submission.SubmittedBy, submission.SubmittedAt,
            ApplicationStatus.Submitted, submission.Claims, submission.Evidence, [], [], [], null, [], new Dictionary<string, string>(), 0,
            context.CurrentUtcDateTime, null);
        Withdrawal = context.WaitForExternalEvent<WithdrawEvent>(WorkflowEvents.Withdrawn);
    }

    /// <summary>The submission as currently corrected.</summary>
    public ApplicationSubmission Submission { get; private set; }

    /// <summary>The read model as the orchestration knows it.</summary>
    public ApplicationRecord Record { get; private set; }

    /// <summary>Completes when the applicant or an administrator withdraws the application.</summary>
    public Task<WithdrawEvent> Withdrawal { get; }

    /// <summary>Durations of the cycle (from the estimate).</summary>
    public StepDurations Durations { get; private set; } = new();

    /// <summary>Title of the cycle, for mails.</summary>
    public string CycleTitle { get; private set; } = string.Empty;

    /// <summary>Departments currently reviewing (withdrawal is forwarded to them).</summary>
    public HashSet<string> Reviewing { get; } = new(StringComparer.Ordinal);

    /// <summary>The application id.</summary>
    public string Id => Submission.ApplicationId;

    /// <summary>Saves the read model with a new revision, appends the audit entry and sends the mails.</summary>
    public async Task RecordAsync(string action, string actor, string? detail, params MailKind[] applicantMails)
    {
        await RecordToAsync(action, actor, detail, applicantMails.Select(k => ToApplicant(k)).ToArray());
    }

    /// <summary>Saves the read model with a new revision, appends the audit entry and sends the given mails.</summary>
    public async Task RecordToAsync(string action, string actor, string? detail, params (MailKind Kind, string? To, Role? Role, string? Department)[] mails)
    {
        Record = Record with { Revision = Record.Revision + 1, UpdatedAt = context.CurrentUtcDateTime };
        var key = $"{Id}:{Record.Revision}:{action}";
        var requests = mails.Select(m => new MailRequest(m.Kind, $"{key}:{m.Kind}", m.To, m.Role, m.Department, Values(detail))).ToList();
        var step = new StepRecord(Record, null, new AuditNote(Id, action, actor, detail, key), new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero), requests);
        await StepRecorder.RecordAsync(context, step);
    }

    /// <summary>Sets a value for the mails of the following steps (e.g. the notice dates).</summary>
    public void MailValue(string name, string value) => mailValues[name] = value;

    /// <summary>A mail to the applicant.</summary>
    public (MailKind Kind, string? To, Role? Role, string? Department) ToApplicant(MailKind kind) => (kind, Submission.SubmittedBy, null, null);

    /// <summary>Changes the status (and optionally other fields) of the read model, to be recorded next.</summary>
    public void Set(ApplicationStatus status, Func<ApplicationRecord, ApplicationRecord>? change = null) =>
        Record = (change?.Invoke(Record) ?? Record) with { Status = status };

    /// <summary>Runs the calculator on the current submission and takes its award lines.</summary>
    public async Task<EstimateResult> EstimateAsync()
    {
        var estimate = await context.CallActivityAsync<EstimateResult>(AwardWorkflow.Activities.EstimateApplication, new EstimateRequest(Submission), Retry.Default);
        Durations = estimate.Durations;
        CycleTitle = estimate.CycleTitle;
        Record = Record with { Awards = estimate.Awards, ClauseVersions = estimate.ClauseVersions, Estimate = estimate.Estimate, Claims = Submission.Claims, Evidence = Submission.Evidence };
        return estimate;
    }

    /// <summary>Runs the automatic document check and remembers the registry keys the application holds.</summary>
    public async Task<IReadOnlyList<Defect>> CheckDocumentsAsync()
    {
        var request = new DocumentCheckRequest(Id, Submission.Firm, Submission.Claims, Submission.Evidence, Record.Awards);
        var result = await context.CallActivityAsync<DocumentCheckResult>(AwardWorkflow.Activities.CheckDocuments, request, Retry.Default);
        claimedKeys.UnionWith(result.ClaimedKeys);
        return result.Defects;
    }

    /// <summary>Replaces claims and evidence with the applicant's correction.</summary>
    public void Correct(CorrectionEvent correction) =>
        Submission = Submission with { Claims = correction.Claims, Evidence = correction.Evidence };

    /// <summary>The deadline <paramref name="workingDays"/> working days after today (CST).</summary>
    public async Task<Deadline> DeadlineAsync(DeadlineKind kind, int workingDays)
    {
        DeadlineQuery[] query = [new DeadlineQuery(kind, workingDays)];
        var answer = await context.CallActivityAsync<DeadlineAnswer>(AwardWorkflow.Activities.Deadlines, query, Retry.Default);
        return answer.Deadlines[0];
    }

    /// <summary>Waits for a human step's event, raced against a withdrawal and an optional deadline (a durable timer).</summary>
    public async Task<Waited<T>> WaitAsync<T>(string eventName, DateTime? deadlineUtc = null)
    {
        using var cancel = new CancellationTokenSource();
        var arrived = context.WaitForExternalEvent<T>(eventName, cancel.Token);
        var timer = deadlineUtc is { } at ? context.CreateTimer(at, cancel.Token) : null;
        Task[] racing = timer is null ? [arrived, Withdrawal] : [arrived, Withdrawal, timer];
        var first = await Task.WhenAny(racing);
        cancel.Cancel();
        return first == arrived ? new Waited<T>(await arrived, null, false)
            : first == Withdrawal ? new Waited<T>(default, await Withdrawal, false)
            : new Waited<T>(default, null, true);
    }

    /// <summary>Reviews the awards of some departments in parallel (one sub-orchestration each) and applies the decisions.</summary>
    public async Task<IReadOnlyList<ReviewResult>> ReviewAsync(IReadOnlyList<string> departments)
    {
        var reviewers = await context.CallActivityAsync<IReadOnlyDictionary<string, string>>(AwardWorkflow.Activities.AssignReviewers,
            new ReviewerPick(Id, departments), Retry.Patient);
        var byDepartment = new Dictionary<string, string>(Record.ReviewersByDepartment, StringComparer.Ordinal);
        foreach (var (department, reviewer) in reviewers)
        {
            byDepartment[department] = reviewer;
        }

        Set(Record.Status == ApplicationStatus.Objected ? ApplicationStatus.Objected : ApplicationStatus.InReview, r => r with { ReviewersByDepartment = byDepartment });
        await RecordToAsync("review.started", "system", string.Join(", ", reviewers.Select(r => $"{r.Key}: {r.Value}")));
        Reviewing.UnionWith(departments);
        var reviews = departments.Select(d => context.CallSubOrchestratorAsync<ReviewResult>(WorkflowNames.DepartmentReview,
            new ReviewAssignment(Id, d, reviewers[d], Submission.SubmittedBy, Submission.Firm.Name,
                Record.Awards.Where(a => a.DepartmentId == d).ToList(), nextRound.GetValueOrDefault(d, 1), Durations),
            new SubOrchestrationOptions(instanceId: WorkflowIds.Review(Id, d)))).ToList();
        var results = await WhileReviewingAsync(Task.WhenAll(reviews));
        Reviewing.ExceptWith(departments);
        Apply(results);
        return results;
    }

    // While the reviews run, a review asking the applicant for information makes the status AwaitingInformation.
    private async Task<T> WhileReviewingAsync<T>(Task<T> reviews)
    {
        using var stop = new CancellationTokenSource();
        var waiting = new HashSet<string>(StringComparer.Ordinal);
        var resume = Record.Status;
        var progress = context.WaitForExternalEvent<ReviewProgressEvent>(CycleSignals.ReviewProgress, stop.Token);
        while (await Task.WhenAny(reviews, progress) == progress)
        {
            var update = await progress;
            progress = context.WaitForExternalEvent<ReviewProgressEvent>(CycleSignals.ReviewProgress, stop.Token);
            if (update.AwaitingInformation ? waiting.Add(update.DepartmentId) : waiting.Remove(update.DepartmentId))
            {
                Set(waiting.Count > 0 ? ApplicationStatus.AwaitingInformation : resume);
                await RecordToAsync(update.AwaitingInformation ? "review.awaiting-information" : "review.information-closed", "system", update.DepartmentId);
            }
        }

        stop.Cancel();
        return await reviews;
    }

    /// <summary>Departments with awards in a state (pending awards go to review; held ones back to it).</summary>
    public IReadOnlyList<string> DepartmentsWith(string state) =>
        Record.Awards.Where(a => a.State == state).Select(a => a.DepartmentId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Sets award lines matching a predicate to a state.</summary>
    public void SetAwards(Func<AwardLine, bool> which, Func<AwardLine, AwardLine> change) =>
        Record = Record with { Awards = Record.Awards.Select(a => which(a) ? change(a) : a).ToList() };

    /// <summary>Tells the cycle's settlement watcher that this application finished a phase (once per phase).</summary>
    public void Settle(string phase)
    {
        if (settledPhases.Add(phase))
        {
            context.SendEvent(AwardWorkflow.SettlementId(Submission.CycleId, phase), CycleSignals.ApplicationSettled,
                new ApplicationSettledEvent(Id, phase, Record.Status));
        }
    }

    /// <summary>Ends the application in a final status: records it, gives claims back when it did not win, tells the cycle.</summary>
    public async Task<ApplicationStatus> EndAsync(ApplicationStatus status, string action, string actor, string? detail, params MailKind[] applicantMails)
    {
        Set(status);
        await RecordAsync(action, actor, detail, applicantMails);
        if (status is not ApplicationStatus.Paid && claimedKeys.Count > 0)
        {
            await context.CallActivityAsync<bool>(AwardWorkflow.Activities.ReleaseClaims, new ClaimRelease(Id, claimedKeys.Order(StringComparer.Ordinal).ToList()), Retry.Default);
        }

        Settle(SettlementPhases.Review);
        if (Record.Awards.Any(a => a.ApprovedAmount > 0))
        {
            Settle(SettlementPhases.Payment);
        }

        WorkflowLog.ApplicationEnded(context.CreateReplaySafeLogger<AwardApplicationOrchestrator>(), Id, status.ToString());
        return status;
    }

    /// <summary>Withdraws: tells running reviews to stop, then ends the application.</summary>
    public Task<ApplicationStatus> WithdrawAsync(WithdrawEvent withdrawal)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        foreach (var department in Reviewing)
        {
            context.SendEvent(WorkflowIds.Review(Id, department), WorkflowEvents.Withdrawn, withdrawal);
        }

        return EndAsync(ApplicationStatus.Withdrawn, "application.withdrawn", withdrawal.By, withdrawal.Reason, MailKind.ReviewOutcome);
    }

    private void Apply(IEnumerable<ReviewResult> results)
    {
        foreach (var result in results)
        {
            nextRound[result.DepartmentId] = result.LastRound + 1;
            var reviewers = new Dictionary<string, string>(Record.ReviewersByDepartment, StringComparer.Ordinal) { [result.DepartmentId] = result.Reviewer };
            Record = Record with { Decisions = [.. Record.Decisions, .. result.Decisions], ReviewersByDepartment = reviewers };
            if (result.Decision is { } decision)
            {
                var state = decision.Outcome == ReviewOutcome.Approve ? AwardStates.Approved : AwardStates.Rejected;
                SetAwards(a => a.DepartmentId == result.DepartmentId && a.State is AwardStates.Pending or AwardStates.Held, a => a with { State = state });
            }
        }
    }

    private Dictionary<string, string> Values(string? detail)
    {
        var inv = CultureInfo.InvariantCulture;
        var live = Record.Awards.Where(a => a.State is not AwardStates.Rejected and not AwardStates.Waitlisted).ToList();
        var (zh, en) = Outcome(Record.Status);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["applicationId"] = Id,
            ["applicantName"] = Submission.Firm.Name,
            ["cycleName"] = CycleTitle,
            ["clauses"] = string.Join("; ", Record.Awards.Select(a => $"{a.ClauseId} ({a.EstimatedAmount.ToString("0.##", inv)})")),
            ["estimate"] = Record.Awards.Sum(a => a.EstimatedAmount).ToString("0.##", inv),
            ["amount"] = live.Sum(a => a.ApprovedAmount ?? a.EstimatedAmount).ToString("0.##", inv),
            ["flags"] = Record.Defects.Count == 0 ? "无 / none" : Defects(),
            ["defects"] = Defects(),
            ["deadline"] = Record.CorrectionDeadline?.ToString("yyyy-MM-dd", inv) ?? "—",
            ["department"] = string.Join(", ", Record.Awards.Select(a => a.DepartmentId).Distinct(StringComparer.Ordinal)),
            ["outcome.zh"] = zh,
            ["outcome.en"] = en,
            ["reason"] = detail ?? "—",
            ["reference"] = string.Join(", ", live.Select(a => Payouts.Reference(a.AwardId))),
            ["filedAt"] = ChinaTime.DateOf(context.CurrentUtcDateTime).ToString("yyyy-MM-dd", inv),
        };
        foreach (var (name, value) in mailValues)
        {
            values[name] = value;
        }

        return values;
    }

    private string Defects() => string.Join("\n", Record.Defects.Select(d => $"- {d.MessageZh} / {d.MessageEn}"));

    private static (string Zh, string En) Outcome(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Rejected => ("不予奖励", "not awarded"),
        ApplicationStatus.Withdrawn => ("已撤回", "withdrawn"),
        ApplicationStatus.Waitlisted => ("列入候补", "waitlisted"),
        ApplicationStatus.AwaitingFiscalApproval => ("审核通过", "approved"),
        ApplicationStatus.Paid => ("已支付", "paid"),
        _ => ("处理中", "in progress"),
    };
}

/// <summary>Retry policies of the workflow's activities.</summary>
public static class Retry
{
    /// <summary>
    /// Storage and mail hiccups: 5 attempts over about 15 seconds (the storage and SendGrid clients retry inside each
    /// attempt already); a mail step that still fails is recorded without its mails (see <see cref="StepRecorder"/>).
    /// </summary>
    public static TaskOptions Default { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromMinutes(1)));

    /// <summary>Waiting for an administrator (e.g. a department without reviewers): retries for about a day.</summary>
    public static TaskOptions Patient { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(30, TimeSpan.FromMinutes(1), 2.0, TimeSpan.FromHours(1)));
}

/// <summary>Events between the applications and their cycle (internal to the workflow).</summary>
public static class CycleSignals
{
    /// <summary>To a settlement watcher: an application settled a phase (<see cref="ApplicationSettledEvent"/>).</summary>
    public const string ApplicationSettled = "ApplicationSettled";

    /// <summary>From a department review to its application (<see cref="ReviewProgressEvent"/>).</summary>
    public const string ReviewProgress = "ReviewProgress";

    /// <summary>To the review-phase watcher: the window closed, no application can join.</summary>
    public const string WindowClosed = "WindowClosed";

    /// <summary>To a settlement watcher: stop waiting and return the count (the cycle was closed by an administrator).</summary>
    public const string StopWatching = "StopWatching";
}
