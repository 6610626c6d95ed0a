using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>The annual cycle's own steps: schedule, early close, an empty batch, the report.</summary>
public sealed class AwardCycleTests
{
    /// <summary>A week before the window opens.</summary>
    private static readonly DateOnly BeforeOpening = Journey.Opens.AddDays(-7);

    [Fact]
    public async Task Cycle_ScheduledThenClosedEarlyWithoutApplications_EndsWithEmptyReport()
    {
        await using var host = await AwardTestHost.StartAsync(BeforeOpening);
        await Seed.PeopleAsync(host);

        // The opening is a week away: the cycle waits, scheduled; its timer is made due a few seconds from now.
        host.Clock.Due(DeadlineKind.CycleOpens, TimeSpan.FromSeconds(4));
        var definition = Seed.Cycle(Journey.Opens, Journey.Closes, 800_000m);
        await host.StartCycleAsync(definition);
        Assert.Equal(CycleStatus.Scheduled, (await host.CycleAsync(definition.CycleId)).Status);
        Assert.DoesNotContain(host.Mail.Sent, m => m.Category == "CycleOpened");

        host.Clock.Date = Journey.Opens;
        await host.UntilCycleAsync(definition.CycleId, CycleStatus.Open);
        await host.RaiseAsync(definition.CycleId, WorkflowEvents.CloseWindow, new AdminActionEvent(Seed.AdminEmail, AwardTestHost.Now));
        await host.UntilCycleAsync(definition.CycleId, CycleStatus.AwaitingFiscalApproval);
        Assert.Contains(await host.Audit.ListAsync(definition.CycleId), e => e.Action == "cycle.closed" && e.Detail == Seed.AdminEmail);

        // The notice (computed when finance approves) ends a few seconds later: the cycle is in public notice meanwhile.
        host.Clock.Due(DeadlineKind.NoticeEnds, TimeSpan.FromSeconds(4));
        await host.RaiseAsync(definition.CycleId, WorkflowEvents.FiscalApproved, new FiscalApprovalEvent(AllocationRuleKind.Priority, Seed.FinanceEmail, AwardTestHost.Now));
        await host.UntilCycleAsync(definition.CycleId, CycleStatus.PublicNotice);
        var notice = (await host.CycleAsync(definition.CycleId)).NoticeEndsOn!.Value;
        Assert.True(notice > Journey.Opens, $"notice ends {notice}");
        host.Clock.Date = notice.AddDays(1);

        var completed = await host.CompletedAsync(definition.CycleId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        await host.UntilCycleAsync(definition.CycleId, CycleStatus.Closed);
        var cycle = await host.CycleAsync(definition.CycleId);
        Assert.Equal(0, cycle.Report!.Applications);
        Assert.Equal(new BudgetLine(Seed.Treasury, 800_000m, 0m, 800_000m), Assert.Single(cycle.Report.ByTreasury));
        var report = Assert.Single(host.Mail.To(Seed.AdminEmail));
        Assert.StartsWith("Hello", report.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cycle_Opens_250FirmsMailedOnceEach_InPagesOf100()
    {
        // Each page is one MailFirms activity; the engine traces every activity it runs (task id, instance id).
        const string cycleId = "421223-2025-many-firms";
        var mailingPages = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.DurableTask",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.Kind == ActivityKind.Server && span.GetTagItem("durabletask.type") as string == "activity"
                    && span.GetTagItem("durabletask.task.name") as string == AwardWorkflow.Activities.MailFirms
                    && span.GetTagItem("durabletask.task.instance_id") as string == cycleId)
                {
                    mailingPages[Convert.ToString(span.GetTagItem("durabletask.task.task_id"), CultureInfo.InvariantCulture)!] = true;
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await using var host = await AwardTestHost.StartAsync(Journey.Opens);
        await Seed.PeopleAsync(host);
        for (var i = 0; i < 247; i++)
        {
            await host.Directory.UpsertFirmAsync(Seed.NewFirm($"91421223MA4{i:D6}", $"崇阳县测试企业{i}", $"firm{i:D3}@many.test"));
        }

        var definition = Seed.Cycle(Journey.Opens, Journey.Closes, 800_000m, cycleId);
        await host.StartCycleAsync(definition);
        await host.UntilCycleAsync(definition.CycleId, CycleStatus.Open);
        await host.UntilAsync(() => Task.FromResult(host.Mail.Sent.Count(m => m.Category == "CycleOpened") >= 250), "250 CycleOpened mails");

        var opened = host.Mail.Sent.Where(m => m.Category == "CycleOpened").ToList();
        Assert.Equal(250, opened.Count);
        Assert.Equal(250, opened.Select(m => m.To).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(3, mailingPages.Count);
    }

    [Fact]
    public async Task Cycle_PaymentsNeverConfirmed_AdministratorClosesWithReport()
    {
        await using var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var b = await journey.SubmitFirmBAsync();
        await journey.ApproveAsync(b);
        await host.UntilStatusAsync(b, ApplicationStatus.AwaitingFiscalApproval);
        await journey.CloseWindowAsync();
        await journey.ApproveFiscalAsync(AllocationRuleKind.ProRata);
        await journey.PassNoticeAsync();
        Assert.Equal(CycleStatus.Paying, (await host.CycleAsync(journey.CycleId)).Status);

        await host.RaiseAsync(journey.CycleId, WorkflowEvents.CloseCycle, new AdminActionEvent(Seed.AdminEmail, AwardTestHost.Now));
        await host.UntilCycleAsync(journey.CycleId, CycleStatus.Closed);
        var cycle = await host.CycleAsync(journey.CycleId);
        Assert.Equal(0, cycle.Report!.AwardsPaid);
        Assert.Equal(200_000m, Assert.Single(cycle.Report.ByTreasury).Used);

        // The payment watcher was told to stop, so the cycle's instance completes (it cannot while a sub-orchestration waits).
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.CompletedAsync(journey.CycleId)).RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.CompletedAsync(AwardWorkflow.SettlementId(journey.CycleId, SettlementPhases.Payment))).RuntimeStatus);
    }
}
