using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>The whole journey of a 崇阳县 cycle on the Durable Task engine in memory.</summary>
public sealed class AwardJourneyTests
{
    [Fact]
    public async Task Cycle_TwoFirmsThroughEveryStep_PaidReportedAndClosed()
    {
        // The deadline reminder (3 days before the close) is due at once; the notice lasts long enough to look at it.
        await using var journey = await Journey.OpenAsync(deadlines: c => c.DueAtOnce(DeadlineKind.DeadlineReminder).Due(DeadlineKind.NoticeEnds, TimeSpan.FromSeconds(10)));
        var host = journey.Host;
        Assert.Equal(CycleStatus.Open, (await host.CycleAsync(journey.CycleId)).Status);
        Assert.Equal(3, host.Mail.Sent.Count(m => m.Category == "CycleOpened"));
        await host.UntilAsync(() => Task.FromResult(host.Mail.Sent.Count(m => m.Category == "DeadlineReminder") == 3), "three deadline reminders");

        // Submission → automatic check → clerk → review by two departments through the mailed links.
        var a = await journey.SubmitFirmAAsync();
        var record = await journey.AppAsync(a);
        Assert.Equal(ApplicationStatus.AwaitingClerk, record.Status);
        Assert.Equal([200_000m, 100_000m], record.Awards.OrderBy(w => w.DepartmentId, StringComparer.Ordinal).Select(w => w.EstimatedAmount).Reverse());
        Assert.Contains(record.ClauseVersions, v => v.ClauseId == "cy-tm-well-known");
        Assert.Empty(record.Defects);
        Assert.Single(host.Mail.To(Seed.FirmA.ContactEmail), m => m.Category == "ApplicationReceived");
        Assert.Single(host.Mail.To(Seed.ClerkEmail), m => m.Category == "ClerkCheckRequested");
        Assert.All(record.Evidence, f => Assert.Equal(a, host.Evidence.Sealed[f.FileId]));

        await host.ClerkApprovesAsync(a);
        record = await journey.AppAsync(a);
        Assert.Equal(ApplicationStatus.InReview, record.Status);
        Assert.Equal(Seed.AmrReviewer, record.ReviewersByDepartment["cy-amr"]);
        Assert.Equal(Seed.AgriReviewer, record.ReviewersByDepartment["cy-agri"]);
        var claims = await host.DecideAsync(Seed.AmrReviewer, a, "approve");
        Assert.Equal(ReviewSteps.LinkSubject(a, "cy-amr", 1), claims.Subject);
        Assert.Equal(ApplicationStatus.InReview, (await journey.AppAsync(a)).Status);
        await host.DecideAsync(Seed.AgriReviewer, a, "approve");
        record = await journey.AppAsync(a);
        Assert.Equal(ApplicationStatus.AwaitingFiscalApproval, record.Status);
        Assert.All(record.Awards, w => Assert.Equal(AwardStates.Approved, w.State));
        Assert.Equal(2, record.Decisions.Count);

        var b = await journey.SubmitFirmBAsync();
        await journey.ApproveAsync(b);

        // The window closes and the cycle waits for finance.
        await journey.CloseWindowAsync();
        await host.UntilCycleAsync(journey.CycleId, CycleStatus.AwaitingFiscalApproval);
        Assert.Equal(3, host.Mail.Sent.Count(m => m.Category == "DeadlineReminder"));
        await host.UntilAsync(() => Task.FromResult(host.Mail.To(Seed.FinanceEmail).Any()), "the finance mail");
        var financeMail = Assert.Single(host.Mail.To(Seed.FinanceEmail));
        Assert.Contains("500000", financeMail.TextBody, StringComparison.Ordinal);

        var simulated = await FiscalSimulation.SimulateAsync(host.Applications, journey.CycleId, AllocationRuleKind.ProRata);
        Assert.Equal(500_000m, simulated.Result.Allocations.Sum(x => x.Granted));
        await journey.ApproveFiscalAsync(AllocationRuleKind.ProRata);

        // Public notice: approved on Sat 2025-09-13, from the next working day (Mon 09-15), seven working days to Tue 09-23.
        var cycle = await host.CycleAsync(journey.CycleId);
        Assert.Equal(CycleStatus.PublicNotice, cycle.Status);
        Assert.Equal(new DateOnly(2025, 9, 23), cycle.NoticeEndsOn);
        Assert.Equal(ApplicationStatus.InPublicNotice, (await journey.AppAsync(a)).Status);
        Assert.Contains(host.Mail.To(Seed.FirmA.ContactEmail), m => m.Category == "NoticePublished" && m.TextBody.Contains("2025-09-15", StringComparison.Ordinal));

        Assert.Empty(host.Ledger.Instructions);
        await journey.PassNoticeAsync();

        // Payout: one instruction and one ledger row per award, the treasury files, then the bank confirmations.
        Assert.Equal(3, host.Ledger.Instructions.Count);
        Assert.Equal(3, host.Ledger.Entries.Count);
        Assert.Equal(500_000m, host.Ledger.Instructions.Sum(i => i.Amount));
        Assert.Contains($"payments/{journey.BatchId}.csv", host.Documents.Names);
        Assert.Contains($"payments/{journey.BatchId}.xlsx", host.Documents.Names);
        Assert.Equal(ApplicationStatus.PayoutIssued, (await journey.AppAsync(a)).Status);
        Assert.Equal(CycleStatus.Paying, (await host.CycleAsync(journey.CycleId)).Status);

        await host.ConfirmPaymentsAsync(journey.BatchId);
        await host.UntilCycleAsync(journey.CycleId, CycleStatus.Closed);
        record = await journey.AppAsync(a);
        Assert.Equal(ApplicationStatus.Paid, record.Status);
        Assert.All(record.Awards, w => Assert.Equal(AwardStates.Paid, w.State));
        await host.UntilStatusAsync(b, ApplicationStatus.Paid);

        // The cycle ends with its report, mailed to the administrators.
        cycle = await host.CycleAsync(journey.CycleId);
        Assert.Equal(CycleStatus.Closed, cycle.Status);
        var report = cycle.Report!;
        Assert.Equal(2, report.Applications);
        Assert.Equal(3, report.AwardsPaid);
        Assert.Equal(500_000m, report.AmountPaid);
        Assert.Equal(new ReportLine("cy-tm-well-known", 2, 400_000m), Assert.Single(report.ByClause, l => l.Key == "cy-tm-well-known"));
        Assert.Equal(new ReportLine("cy-agri", 1, 100_000m), Assert.Single(report.ByDepartment, l => l.Key == "cy-agri"));
        Assert.Equal(new BudgetLine(Seed.Treasury, 1_000_000m, 500_000m, 500_000m), Assert.Single(report.ByTreasury));
        Assert.Single(host.Mail.To(Seed.AdminEmail), m => m.Category == "CycleReport");
        var instance = await host.CompletedAsync(journey.CycleId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.CompletedAsync(a)).RuntimeStatus);

        // Every state change was audited once, in order.
        var actions = (await host.Audit.ListAsync(a)).Select(e => e.Action).ToList();
        string[] expected = ["application.submitted", "check.automatic", "check.confirmed", "review.started", "review.requested", "review.completed",
            "fiscal.decided", "notice.opened", "payout.released", "payment.confirmed", "application.paid"];
        var positions = expected.Select(x => actions.IndexOf(x)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(actions.Count(x => x != "review.requested"), (int)record.Revision);
    }

    [Fact]
    public async Task Application_LevelAlreadyPaidInLedger_RefusedByCalculatorAndRejected()
    {
        await using var journey = await Journey.OpenAsync();
        var host = journey.Host;
        await host.Ledger.AppendAsync(new LedgerEntry("earlier:wk:cy-tm-well-known", Seed.FirmA.CreditCode, "cy-tm-well-known", 1, "national", "TM-1001",
            ["TM-1001"], new DateOnly(2024, 5, 1), 200_000m, Seed.Treasury, "421223-2024-brand", "earlier", AwardTestHost.Now));

        var wk = await Seed.WellKnownAsync(host, Seed.FirmA, "TM-1001");
        await host.SubmitAsync(Seed.Submission(host, "app-again", Seed.FirmA, journey.CycleId, wk));

        await host.UntilStatusAsync("app-again", ApplicationStatus.Rejected);
        var record = await journey.AppAsync("app-again");
        Assert.Empty(record.Awards);
        Assert.Contains("already-paid", record.Estimate, StringComparison.Ordinal);
        Assert.Single(host.Mail.To(Seed.FirmA.ContactEmail), m => m.Category == "ReviewOutcome");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.CompletedAsync("app-again")).RuntimeStatus);
    }
}
