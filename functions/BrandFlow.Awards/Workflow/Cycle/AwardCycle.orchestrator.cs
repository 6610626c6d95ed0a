using System.Globalization;
using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// An annual cycle (年度申报): opens on its date and tells the jurisdiction's firms, reminds them before the deadline,
/// closes the window, waits for every application to settle its review, runs fiscal approval as a batch, opens the
/// public notice, releases the payout batch, waits for the bank and ends with a report. See Cycle/README.md.
/// </summary>
public sealed class AwardCycleOrchestrator : TaskOrchestrator<CycleDefinition, CycleReport>
{
    /// <inheritdoc />
    public override async Task<CycleReport> RunAsync(TaskOrchestrationContext context, CycleDefinition input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var cycle = new CycleSteps(context, input);
        var closeWindow = context.WaitForExternalEvent<AdminActionEvent>(WorkflowEvents.CloseWindow);

        // 1. Scheduled until its first day, then open: every registered firm of the jurisdiction is told.
        var window = await cycle.WindowAsync();
        if (context.CurrentUtcDateTime < window.Opens.DueUtc)
        {
            await cycle.RecordAsync(CycleStatus.Scheduled, "cycle.scheduled");
            await context.CreateTimer(window.Opens.DueUtc, CancellationToken.None);
        }

        await cycle.RecordAsync(CycleStatus.Open, "cycle.opened");
        await cycle.MailFirmsAsync(MailKind.CycleOpened, "opened");
        var reviews = cycle.WatchAsync(SettlementPhases.Review, windowClosed: false);

        // 2. Deadline reminder, then close at the end of the last day (or earlier when an administrator closes it).
        if (context.CurrentUtcDateTime < window.Reminder.DueUtc && await cycle.UntilAsync(window.Reminder.DueUtc, closeWindow))
        {
            await cycle.MailFirmsAsync(MailKind.DeadlineReminder, "reminder");
        }

        await cycle.UntilAsync(window.Closes.DueUtc, closeWindow);
        await cycle.RecordAsync(CycleStatus.Reviewing, "cycle.closed", closeWindow.IsCompletedSuccessfully ? (await closeWindow).By : "system");
        context.SendEvent(AwardWorkflow.SettlementId(input.CycleId, SettlementPhases.Review), CycleSignals.WindowClosed, new { input.CycleId });
        var applications = await reviews;

        // 3. Fiscal approval: finance sees the simulation (API) and approves with a rule; the same computation is applied.
        var batchId = $"{input.CycleId}-payout";
        var demand = await cycle.AllocateAsync(AllocationRuleKind.ProRata);
        cycle.MailValue("batchId", batchId);
        cycle.MailValue("applicationCount", demand.ApplicationByAward.Values.Distinct(StringComparer.Ordinal).Count().ToString(CultureInfo.InvariantCulture));
        cycle.MailValue("totalAmount", demand.Result.Allocations.Sum(a => a.Requested).ToString("0.##", CultureInfo.InvariantCulture));
        await cycle.RecordAsync(CycleStatus.AwaitingFiscalApproval, "cycle.reviews-done", $"{applications} application(s)", (MailKind.FiscalApprovalRequested, Role.Finance));
        var approval = await context.WaitForExternalEvent<FiscalApprovalEvent>(WorkflowEvents.FiscalApproved);
        var allocation = await cycle.AllocateAsync(approval.Rule);
        var granted = cycle.SendFiscalDecisions(allocation, approval, batchId);
        await cycle.RecordAsync(CycleStatus.AwaitingFiscalApproval, "cycle.fiscal-approved", $"{approval.Rule} by {approval.ApprovedBy}", r => r with { AllocationRule = approval.Rule });

        // 4. Public notice (公示): from the next working day, NoticeWorkingDays working days, both ends inclusive.
        var (notice, noticeEndsUtc) = await cycle.NoticeWindowAsync();
        await cycle.RecordAsync(CycleStatus.PublicNotice, "cycle.notice-opened", $"{notice.From:yyyy-MM-dd}..{notice.To:yyyy-MM-dd}", r => r with { NoticeEndsOn = notice.To });
        foreach (var applicationId in granted)
        {
            context.SendEvent(applicationId, WorkflowEvents.NoticeOpened, new NoticeEvent(notice.From, notice.To));
        }

        await context.CreateTimer(noticeEndsUtc, CancellationToken.None);

        // 5. Payout: instructions and ledger rows in chunks (idempotent by award id), payment files, then the release.
        var payments = cycle.WatchAsync(SettlementPhases.Payment, windowClosed: true);
        await cycle.IssuePayoutBatchAsync(batchId);
        await cycle.RecordAsync(CycleStatus.Paying, "cycle.payout-released", batchId, r => r with { PaymentBatchId = batchId });
        foreach (var applicationId in granted)
        {
            context.SendEvent(applicationId, WorkflowEvents.PayoutReleased, new PayoutReleaseEvent(batchId, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero)));
        }

        // 6. Bank confirmations (imported by the API) settle the applications; an administrator may close earlier.
        var closeCycle = context.WaitForExternalEvent<AdminActionEvent>(WorkflowEvents.CloseCycle);
        if (await Task.WhenAny(payments, closeCycle) == closeCycle)
        {
            // The payment watcher is a sub-orchestration: the cycle cannot complete while it still waits.
            context.SendEvent(AwardWorkflow.SettlementId(input.CycleId, SettlementPhases.Payment), CycleSignals.StopWatching, new { input.CycleId });
            await payments;
        }

        var report = await context.CallActivityAsync<CycleReport>(AwardWorkflow.Activities.BuildReport, input.CycleId, Retry.Default);
        await cycle.RecordAsync(CycleStatus.Closed, "cycle.closed-with-report", CycleSteps.Summary(report),
            r => r with { Report = report }, (MailKind.CycleReport, Role.Administrator));
        return report;
    }
}
