using System.Globalization;
using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>State and steps of a cycle (deterministic code, used by <see cref="AwardCycleOrchestrator"/>).</summary>
public sealed class CycleSteps(TaskOrchestrationContext context, CycleDefinition definition)
{
    private const int PayoutChunkSize = 50;

    // Firms mailed per activity: each mail is an HTTP call, so a page must finish well within the queue lock (5 min).
    private const int FirmsPerMailingPage = 100;

    private CycleRecord record = new(definition, CycleStatus.Scheduled, DateTimeOffset.MinValue);
    private readonly Dictionary<string, string> extraValues = new(StringComparer.Ordinal);
    private int step;

    /// <summary>Saves the cycle's read model with a status, appends the audit entry and sends mails to staff roles.</summary>
    public Task RecordAsync(CycleStatus status, string action, string? detail = null, params (MailKind Kind, Role Role)[] mails) =>
        RecordAsync(status, action, detail, null, mails);

    /// <summary>Same, changing other fields of the read model too.</summary>
    public async Task RecordAsync(CycleStatus status, string action, string? detail, Func<CycleRecord, CycleRecord>? change, params (MailKind Kind, Role Role)[] mails)
    {
        var at = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        record = (change?.Invoke(record) ?? record) with { Status = status, UpdatedAt = at };
        var key = $"{definition.CycleId}:{++step}:{action}";
        var requests = mails.Select(m => new MailRequest(m.Kind, $"{key}:{m.Kind}", null, m.Role, null, Values(detail))).ToList();
        await StepRecorder.RecordAsync(context, new StepRecord(null, record, new AuditNote(definition.CycleId, action, "system", detail, key), at, requests));
        WorkflowLog.CycleStep(context.CreateReplaySafeLogger<AwardCycleOrchestrator>(), definition.CycleId, status.ToString(), action);
    }

    /// <summary>Mails every registered firm of the jurisdiction, a page of firms per activity.</summary>
    public async Task MailFirmsAsync(MailKind kind, string what)
    {
        try
        {
            var mailing = new FirmMailing(definition.Jurisdiction, kind, $"{definition.CycleId}:firms:{what}", Values(null), Take: FirmsPerMailingPage);
            FirmMailingPage page;
            do
            {
                page = await context.CallActivityAsync<FirmMailingPage>(AwardWorkflow.Activities.MailFirms, mailing, Retry.Default);
                mailing = mailing with { After = page.Last };
            }
            while (page.More);
        }
        catch (TaskFailedException ex)
        {
            // Firms not reached are listed by the mail sender's failure log; the cycle goes on.
            await RecordAsync(record.Status, "cycle.mail-failed", $"{kind}: {ex.FailureDetails.ErrorMessage}");
        }
    }

    /// <summary>Waits until a time or until an administrator's event; true when the time came first.</summary>
    public async Task<bool> UntilAsync(DateTime utc, Task<AdminActionEvent> early)
    {
        if (early.IsCompleted)
        {
            return false;
        }

        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(utc, cancel.Token);
        var first = await Task.WhenAny(timer, early);
        cancel.Cancel();
        return first == timer;
    }

    /// <summary>Starts (or rather, calls) the settlement watcher of a phase.</summary>
    public Task<int> WatchAsync(string phase, bool windowClosed) =>
        context.CallSubOrchestratorAsync<int>(AwardWorkflow.CycleSettlement, new SettlementWatch(definition.CycleId, phase, windowClosed, null),
            new SubOrchestrationOptions(instanceId: AwardWorkflow.SettlementId(definition.CycleId, phase)));

    /// <summary>The allocation of the cycle's approved awards under a rule.</summary>
    public Task<CycleAllocation> AllocateAsync(AllocationRuleKind rule) =>
        context.CallActivityAsync<CycleAllocation>(AwardWorkflow.Activities.Allocate, new AllocationRequest(definition.CycleId, rule), Retry.Default);

    /// <summary>Sends each application its allocations; returns the applications granted something (sorted).</summary>
    public IReadOnlyList<string> SendFiscalDecisions(CycleAllocation allocation, FiscalApprovalEvent approval, string batchId)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(approval);
        var byApplication = allocation.Result.Allocations.GroupBy(a => allocation.ApplicationByAward[a.AwardId]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        foreach (var group in byApplication)
        {
            context.SendEvent(group.Key, WorkflowEvents.FiscalDecided, new FiscalDecisionEvent(batchId, group.ToList(), approval.Rule, approval.ApprovedBy, approval.At));
        }

        return byApplication.Where(g => g.Any(a => a.Granted > 0)).Select(g => g.Key).ToList();
    }

    /// <summary>The application window's deadlines: opening, the deadline reminder and the close.</summary>
    public async Task<CycleWindow> WindowAsync()
    {
        var answer = await DeadlinesAsync(
            new DeadlineQuery(DeadlineKind.CycleOpens, On: definition.OpensOn),
            new DeadlineQuery(DeadlineKind.DeadlineReminder, On: definition.ClosesOn.AddDays(-definition.Durations.DeadlineReminderDays)),
            new DeadlineQuery(DeadlineKind.WindowCloses, On: definition.ClosesOn));
        return new CycleWindow(answer.Deadlines[0], answer.Deadlines[1], answer.Deadlines[2]);
    }

    /// <summary>
    /// The notice window: from the first working day after today to the NoticeWorkingDays-th (counting the first), and
    /// the instant it ends.
    /// </summary>
    public async Task<(NoticeWindow Window, DateTime EndsUtc)> NoticeWindowAsync()
    {
        var answer = await DeadlinesAsync(
            new DeadlineQuery(DeadlineKind.NoticeStarts, 1),
            new DeadlineQuery(DeadlineKind.NoticeEnds, Math.Max(1, definition.Durations.NoticeWorkingDays)));
        return (new NoticeWindow(answer.Deadlines[0].Date, answer.Deadlines[1].Date), answer.Deadlines[1].DueUtc);
    }

    private Task<DeadlineAnswer> DeadlinesAsync(params DeadlineQuery[] queries) =>
        context.CallActivityAsync<DeadlineAnswer>(AwardWorkflow.Activities.Deadlines, queries, Retry.Default);

    /// <summary>Issues the payout batch in chunks of applications, then writes the treasury payment files.</summary>
    public async Task IssuePayoutBatchAsync(string batchId)
    {
        var payable = await context.CallActivityAsync<IReadOnlyList<string>>(AwardWorkflow.Activities.ListPayable, definition.CycleId, Retry.Default);
        foreach (var chunk in payable.Chunk(PayoutChunkSize))
        {
            await context.CallActivityAsync<int>(AwardWorkflow.Activities.IssuePayoutChunk, new PayoutChunk(definition.CycleId, batchId, chunk), Retry.Default);
        }

        await context.CallActivityAsync<int>(AwardWorkflow.Activities.WritePaymentFiles, batchId, Retry.Default);
    }

    /// <summary>The report as text for the administrators' mail.</summary>
    public static string Summary(CycleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"申报 {report.Applications} 件，已支付奖励 {report.AwardsPaid} 项，共 {report.AmountPaid.ToString("0.##", inv)} 元 / {report.Applications} application(s), {report.AwardsPaid} award(s) paid, CNY {report.AmountPaid.ToString("0.##", inv)}",
        };
        lines.AddRange(report.ByClause.Select(l => $"{l.Key}: {l.Count} / {l.Amount.ToString("0.##", inv)}"));
        lines.AddRange(report.ByDepartment.Select(l => $"{l.Key}: {l.Count} / {l.Amount.ToString("0.##", inv)}"));
        lines.AddRange(report.ByTreasury.Select(b => $"{b.TreasuryId}: 预算 budget {b.Budget.ToString("0.##", inv)}, 已用 used {b.Used.ToString("0.##", inv)}, 剩余 left {b.Left.ToString("0.##", inv)}"));
        return string.Join("\n", lines);
    }

    /// <summary>Sets a value for the mails of the following steps.</summary>
    public void MailValue(string name, string value) => extraValues[name] = value;

    private Dictionary<string, string> Values(string? detail)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cycleId"] = definition.CycleId,
            ["cycleName.zh"] = definition.TitleZh,
            ["cycleName.en"] = definition.TitleEn,
            ["windowOpens"] = definition.OpensOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["windowCloses"] = definition.ClosesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["daysLeft"] = definition.Durations.DeadlineReminderDays.ToString(CultureInfo.InvariantCulture),
            ["summary"] = detail ?? "—",
        };
        foreach (var (name, value) in extraValues)
        {
            values[name] = value;
        }

        return values;
    }
}
