using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>The annual cycle's own steps: schedule, early close, an empty batch, the report.</summary>
public sealed class AwardCycleTests
{
    [Fact]
    public async Task Cycle_ScheduledThenClosedEarlyWithoutApplications_EndsWithEmptyReport()
    {
        var host = new AwardTestHost(Journey.Start);
        await Seed.PeopleAsync(host);
        var definition = Seed.Cycle(Journey.Opens, Journey.Closes, 800_000m);
        await host.StartCycleAsync(definition);
        Assert.Equal(CycleStatus.Scheduled, (await host.CycleAsync(definition.CycleId)).Status);
        Assert.DoesNotContain(host.Mail.Sent, m => m.Category == "CycleOpened");

        await host.AdvanceToAsync(Journey.Opens, 9);
        Assert.Equal(CycleStatus.Open, (await host.CycleAsync(definition.CycleId)).Status);
        await host.RaiseAsync(definition.CycleId, WorkflowEvents.CloseWindow, new AdminActionEvent(Seed.AdminEmail, host.Clock.GetUtcNow()));
        Assert.Equal(CycleStatus.AwaitingFiscalApproval, (await host.CycleAsync(definition.CycleId)).Status);
        Assert.Contains(await host.Audit.ListAsync(definition.CycleId), e => e.Action == "cycle.closed" && e.Detail == Seed.AdminEmail);

        await host.RaiseAsync(definition.CycleId, WorkflowEvents.FiscalApproved, new FiscalApprovalEvent(AllocationRuleKind.Priority, Seed.FinanceEmail, host.Clock.GetUtcNow()));
        var notice = (await host.CycleAsync(definition.CycleId)).NoticeEndsOn!.Value;
        await host.AdvanceToAsync(notice.AddDays(1), 9);

        var cycle = await host.CycleAsync(definition.CycleId);
        Assert.Equal(CycleStatus.Closed, cycle.Status);
        Assert.Equal(0, cycle.Report!.Applications);
        Assert.Equal(new BudgetLine(Seed.Treasury, 800_000m, 0m, 800_000m), Assert.Single(cycle.Report.ByTreasury));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.InstanceAsync(definition.CycleId)).RuntimeStatus);
        var report = Assert.Single(host.Mail.To(Seed.AdminEmail));
        Assert.StartsWith("Hello", report.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cycle_Opens_250FirmsMailedOnceEach_InPagesOf100()
    {
        var host = new AwardTestHost(Journey.Start);
        await Seed.PeopleAsync(host);
        for (var i = 0; i < 247; i++)
        {
            await host.Directory.UpsertFirmAsync(Seed.NewFirm($"91421223MA4{i:D6}", $"崇阳县测试企业{i}", $"firm{i:D3}@many.test"));
        }

        var definition = Seed.Cycle(Journey.Opens, Journey.Closes, 800_000m);
        await host.StartCycleAsync(definition);
        await host.AdvanceToAsync(Journey.Opens, 9);

        var opened = host.Mail.Sent.Where(m => m.Category == "CycleOpened").ToList();
        Assert.Equal(250, opened.Count);
        Assert.Equal(250, opened.Select(m => m.To).Distinct(StringComparer.Ordinal).Count());
        var history = await host.Client.GetHistoryAsync(definition.CycleId);
        var pages = history.OfType<TaskScheduledEvent>().Count(e => e.Name == AwardWorkflow.Activities.MailFirms);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Cycle_PaymentsNeverConfirmed_AdministratorClosesWithReport()
    {
        var journey = await Journey.OpenAsync();
        var host = journey.Host;
        await journey.ApproveAsync(await journey.SubmitFirmBAsync());
        await journey.CloseWindowAsync();
        await journey.ApproveFiscalAsync(AllocationRuleKind.ProRata);
        await journey.PassNoticeAsync();
        Assert.Equal(CycleStatus.Paying, (await host.CycleAsync(journey.CycleId)).Status);

        await host.RaiseAsync(journey.CycleId, WorkflowEvents.CloseCycle, new AdminActionEvent(Seed.AdminEmail, host.Clock.GetUtcNow()));
        var cycle = await host.CycleAsync(journey.CycleId);
        Assert.Equal(CycleStatus.Closed, cycle.Status);
        Assert.Equal(0, cycle.Report!.AwardsPaid);
        Assert.Equal(200_000m, Assert.Single(cycle.Report.ByTreasury).Used);
    }
}
