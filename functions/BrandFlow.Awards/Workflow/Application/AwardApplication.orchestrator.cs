using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// One application (申报) from submission to payment: estimate → automatic check → clerk → corrections → departmental
/// review → fiscal decision → public notice (objections) → payout → bank confirmations. See Workflow/README.md.
/// </summary>
public sealed class AwardApplicationOrchestrator : TaskOrchestrator<ApplicationSubmission, ApplicationStatus>
{
    /// <inheritdoc />
    public override async Task<ApplicationStatus> RunAsync(TaskOrchestrationContext context, ApplicationSubmission input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var app = new ApplicationSteps(context, input);

        // 1. Submission: the calculator's estimate with the clause versions it read.
        var estimate = await app.EstimateAsync();
        if (estimate.Error is not null || estimate.Awards.Count == 0)
        {
            var why = estimate.Error ?? "没有可获奖励的事项 / nothing eligible: " + string.Join("; ", estimate.Refusals);
            return await app.EndAsync(ApplicationStatus.Rejected, "application.rejected", "system", why, MailKind.ReviewOutcome);
        }

        await app.RecordAsync("application.submitted", input.SubmittedBy, $"{estimate.Awards.Count} award line(s)", MailKind.ApplicationReceived);

        // 2. Document check: automatic, then the clerk; defects go back with a deadline until corrected or lapsed.
        while (true)
        {
            var automatic = await app.CheckDocumentsAsync();
            app.Set(ApplicationStatus.AwaitingClerk, r => r with { Defects = automatic });
            await app.RecordToAsync("check.automatic", "system", $"{automatic.Count} defect(s)", (MailKind.ClerkCheckRequested, null, Role.Clerk, null));

            var clerk = await app.WaitAsync<ClerkCheckEvent>(WorkflowEvents.ClerkChecked);
            if (clerk.Withdrawal is { } withdrawnAtClerk)
            {
                return await app.WithdrawAsync(withdrawnAtClerk);
            }

            var defects = clerk.Value!.Approved ? [] : automatic.Concat(clerk.Value.Defects).DistinctBy(d => (d.Code, d.ClaimId, d.MessageEn)).ToList();
            if (defects.Count == 0)
            {
                app.Set(ApplicationStatus.InReview, r => r with { Defects = [], CorrectionDeadline = null });
                await app.RecordToAsync("check.confirmed", clerk.Value.Clerk, null);
                break;
            }

            var due = await app.DeadlineAsync(DeadlineKind.CorrectionDue, app.Durations.CorrectionWorkingDays);
            var deadline = due.Date;
            app.Set(ApplicationStatus.AwaitingCorrection, r => r with { Defects = defects, CorrectionDeadline = deadline });
            await app.RecordAsync("check.defects", clerk.Value.Clerk, $"{defects.Count} defect(s), deadline {deadline:yyyy-MM-dd}", MailKind.CorrectionRequested);

            var correction = await app.WaitAsync<CorrectionEvent>(WorkflowEvents.CorrectionSubmitted, due.DueUtc);
            if (correction.Withdrawal is { } withdrawnAtCorrection)
            {
                return await app.WithdrawAsync(withdrawnAtCorrection);
            }

            if (correction.TimedOut)
            {
                return await app.EndAsync(ApplicationStatus.Lapsed, "application.lapsed", "system", $"no correction by {deadline:yyyy-MM-dd}", MailKind.ApplicationLapsed);
            }

            app.Correct(correction.Value!);
            if ((await app.EstimateAsync()).Awards.Count == 0)
            {
                return await app.EndAsync(ApplicationStatus.Rejected, "application.rejected", "system", "没有可获奖励的事项 / nothing eligible", MailKind.ReviewOutcome);
            }

            app.Set(ApplicationStatus.Submitted, r => r with { CorrectionDeadline = null });
            await app.RecordToAsync("application.corrected", correction.Value!.By, null);
        }

        // 3. Departmental review: one sub-orchestration per department, in parallel; a withdrawal stops them.
        var review = app.ReviewAsync(app.DepartmentsWith(AwardStates.Pending));
        if (await Task.WhenAny(review, app.Withdrawal) == app.Withdrawal)
        {
            return await app.WithdrawAsync(await app.Withdrawal);
        }

        await review;
        if (!app.Record.Awards.Any(a => a.State == AwardStates.Approved))
        {
            return await app.EndAsync(ApplicationStatus.Rejected, "review.rejected", "system", "所有事项均未通过审核 / every award was rejected", MailKind.ReviewOutcome);
        }

        app.Set(ApplicationStatus.AwaitingFiscalApproval);
        await app.RecordAsync("review.completed", "system", null, MailKind.ReviewOutcome);
        app.Settle(SettlementPhases.Review);

        // 4. Fiscal decision, public notice with objections, payout (AwardApplication.Payout.orchestrator.cs).
        return await ApplicationPayout.FiscalNoticeAndPayoutAsync(context, app);
    }
}
