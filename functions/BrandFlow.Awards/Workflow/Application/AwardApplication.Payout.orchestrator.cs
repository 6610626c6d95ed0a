using System.Globalization;
using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>The application after review: fiscal decision, public notice with objections, payout and confirmations.</summary>
internal static class ApplicationPayout
{
    /// <summary>Runs the steps after review until the application ends.</summary>
    public static async Task<ApplicationStatus> FiscalNoticeAndPayoutAsync(TaskOrchestrationContext context, ApplicationSteps app)
    {
        // Fiscal decision from the cycle: granted amounts, or the waitlist.
        var fiscal = await app.WaitAsync<FiscalDecisionEvent>(WorkflowEvents.FiscalDecided);
        if (fiscal.Withdrawal is { } withdrawnAtFiscal)
        {
            return await app.WithdrawAsync(withdrawnAtFiscal);
        }

        var allocations = fiscal.Value!.Allocations.ToDictionary(a => a.AwardId, StringComparer.Ordinal);
        app.SetAwards(a => a.State == AwardStates.Approved && allocations.ContainsKey(a.AwardId), a => allocations[a.AwardId] is var x && x.Waitlisted
            ? a with { State = AwardStates.Waitlisted, ApprovedAmount = 0 }
            : a with { ApprovedAmount = x.Granted });
        if (!app.Record.Awards.Any(Payouts.IsPayable))
        {
            return await app.EndAsync(ApplicationStatus.Waitlisted, "fiscal.waitlisted", fiscal.Value.ApprovedBy, fiscal.Value.Rule.ToString(), MailKind.FiscalOutcome);
        }

        await app.RecordAsync("fiscal.decided", fiscal.Value.ApprovedBy, fiscal.Value.Rule.ToString(), MailKind.FiscalOutcome);

        var notice = await app.WaitAsync<NoticeEvent>(WorkflowEvents.NoticeOpened);
        if (notice.Withdrawal is { } withdrawnAtNotice)
        {
            return await app.WithdrawAsync(withdrawnAtNotice);
        }

        app.MailValue("noticeFrom", notice.Value!.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        app.MailValue("noticeTo", notice.Value.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        app.Set(ApplicationStatus.InPublicNotice);
        await app.RecordAsync("notice.opened", "system", $"{notice.Value!.From:yyyy-MM-dd}..{notice.Value.To:yyyy-MM-dd}", MailKind.NoticePublished);

        // During the notice an objection holds the award(s) and sends them back to review; the payout release ends it.
        var release = context.WaitForExternalEvent<PayoutReleaseEvent>(WorkflowEvents.PayoutReleased);
        var objection = context.WaitForExternalEvent<ObjectionEvent>(WorkflowEvents.ObjectionFiled);
        Task<IReadOnlyList<ReviewResult>>? rereview = null;
        PayoutReleaseEvent? released = null;
        while (released is null || rereview is not null)
        {
            Task[] racing = released is null ? [release, objection, app.Withdrawal, .. rereview is null ? Array.Empty<Task>() : [rereview]] : [rereview!];
            var first = await Task.WhenAny(racing);
            if (first == app.Withdrawal)
            {
                return await app.WithdrawAsync(await app.Withdrawal);
            }

            if (first == objection)
            {
                var filed = await objection;
                objection = context.WaitForExternalEvent<ObjectionEvent>(WorkflowEvents.ObjectionFiled);
                app.SetAwards(a => a.State == AwardStates.Approved && (filed.AwardId is null || a.AwardId == filed.AwardId), a => a with { State = AwardStates.Held });
                app.Set(ApplicationStatus.Objected);
                await app.RecordToAsync("notice.objection", filed.By, filed.Reason, app.ToApplicant(MailKind.ObjectionFiled));
                rereview ??= app.ReviewAsync(app.DepartmentsWith(AwardStates.Held));
            }
            else if (first == release)
            {
                released = await release;
                var issued = app.Record.Awards.Any(Payouts.IsPayable);
                app.Set(issued ? ApplicationStatus.PayoutIssued : ApplicationStatus.Objected);
                await app.RecordAsync("payout.released", "system", released.BatchId, issued ? [MailKind.PayoutIssued] : []);
            }
            else
            {
                await rereview!;
                rereview = await ReviewedAsync(context, app, released);
            }
        }

        // Bank confirmations, one per award, until every payable award is paid.
        while (app.Record.Awards.Any(Payouts.IsPayable))
        {
            var confirmation = await context.WaitForExternalEvent<PaymentConfirmationEvent>(WorkflowEvents.PaymentConfirmed);
            var known = app.Record.Awards.Any(a => a.AwardId == confirmation.AwardId && Payouts.IsPayable(a));
            app.MailValue("paidOn", confirmation.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            app.MailValue("reference", confirmation.Reference);
            app.MailValue("amount", app.Record.Awards.Where(a => a.AwardId == confirmation.AwardId).Sum(a => a.ApprovedAmount ?? 0).ToString("0.##", CultureInfo.InvariantCulture));
            if (known && confirmation.Succeeded)
            {
                app.SetAwards(a => a.AwardId == confirmation.AwardId, a => a with { State = AwardStates.Paid });
            }

            // A returned payment leaves the award payable: the applicant is asked to check the bank details, and a later
            // confirmation of the same reference (finance pays again) marks it paid.
            app.MailValue("bankMessage.zh", string.IsNullOrWhiteSpace(confirmation.Message) ? "银行未说明" : confirmation.Message);
            app.MailValue("bankMessage.en", string.IsNullOrWhiteSpace(confirmation.Message) ? "not given by the bank" : confirmation.Message);
            MailKind[] mail = !known ? [] : confirmation.Succeeded ? [MailKind.PaymentConfirmed] : [MailKind.PaymentFailed];
            await app.RecordAsync(confirmation.Succeeded ? "payment.confirmed" : "payment.failed", "bank",
                $"{confirmation.AwardId} {confirmation.Reference} {confirmation.PaidOn:yyyy-MM-dd} {confirmation.Message}", mail);
        }

        return app.Record.Awards.Any(a => a.State == AwardStates.Paid)
            ? await app.EndAsync(ApplicationStatus.Paid, "application.paid", "system", null)
            : await app.EndAsync(ApplicationStatus.Rejected, "application.rejected", "system", "异议复核后无可支付事项 / nothing left to pay after the objection review", MailKind.ReviewOutcome);
    }

    // After a re-review: decisions are applied (held → approved or rejected). Re-approved awards are paid with the
    // cycle's batch if the notice is still open, else at once in a supplementary batch of this application (instructions
    // are insert-if-absent by award id, so awards already in the cycle's batch keep theirs). An objection that arrived
    // during the re-review starts another one.
    private static async Task<Task<IReadOnlyList<ReviewResult>>?> ReviewedAsync(TaskOrchestrationContext context, ApplicationSteps app, PayoutReleaseEvent? released)
    {
        var payable = app.Record.Awards.Where(Payouts.IsPayable).Select(a => a.AwardId).ToList();
        var stillHeld = app.DepartmentsWith(AwardStates.Held);
        var status = stillHeld.Count > 0 ? ApplicationStatus.Objected
            : released is null ? ApplicationStatus.InPublicNotice
            : ApplicationStatus.PayoutIssued;
        app.Set(status);
        await app.RecordToAsync("notice.objection-reviewed", "system", string.Join(", ", app.Record.Awards.Select(a => $"{a.AwardId}={a.State}")));

        // The payout activity reads the awards from the read model just saved.
        if (released is not null && payable.Count > 0)
        {
            var batch = $"{released.BatchId}~{app.Id}";
            await context.CallActivityAsync<int>(AwardWorkflow.Activities.IssuePayoutAwards, new PayoutAwards(app.Record.CycleId, batch, app.Id, payable), Retry.Default);
            await context.CallActivityAsync<int>(AwardWorkflow.Activities.WritePaymentFiles, batch, Retry.Default);
        }

        return stillHeld.Count > 0 ? app.ReviewAsync(stillHeld) : null;
    }
}
