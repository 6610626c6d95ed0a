using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>Fiscal approval when demand exceeds the budget: the simulated result is what is applied and paid.</summary>
public sealed class FiscalBudgetTests
{
    private static async Task<Journey> ReviewedAsync(decimal budget)
    {
        var journey = await Journey.OpenAsync(budget, deadlines: c => c.Due(DeadlineKind.NoticeEnds, TimeSpan.FromSeconds(8)));
        await journey.ApproveAsync(await journey.SubmitFirmAAsync());
        await journey.ApproveAsync(await journey.SubmitFirmBAsync());
        await journey.CloseWindowAsync();
        return journey;
    }

    [Fact]
    public async Task FiscalApproval_ProRataOverBudget_EveryAwardCutAndPaidAsSimulated()
    {
        await using var journey = await ReviewedAsync(250_000m);
        var host = journey.Host;
        var simulated = await FiscalSimulation.SimulateAsync(host.Applications, journey.CycleId, AllocationRuleKind.ProRata);
        Assert.True(Assert.Single(simulated.Result.Treasuries).Oversubscribed);
        Assert.Equal(250_000m, simulated.Result.Allocations.Sum(x => x.Granted));

        await journey.ApproveFiscalAsync(AllocationRuleKind.ProRata);
        foreach (var allocation in simulated.Result.Allocations)
        {
            var app = await journey.AppAsync(simulated.ApplicationByAward[allocation.AwardId]);
            Assert.Equal(allocation.Granted, app.Awards.Single(w => w.AwardId == allocation.AwardId).ApprovedAmount);
        }

        await journey.PassNoticeAsync();
        Assert.Equal(simulated.Result.Allocations.ToDictionary(x => x.AwardId, x => x.Granted), host.Ledger.Instructions.ToDictionary(i => i.AwardId, i => i.Amount));
        Assert.Equal(AllocationRuleKind.ProRata, (await host.CycleAsync(journey.CycleId)).AllocationRule);
    }

    [Fact]
    public async Task FiscalApproval_PriorityOverBudget_LaterApplicationWaitlisted()
    {
        await using var journey = await ReviewedAsync(300_000m);
        var host = journey.Host;
        var simulated = await FiscalSimulation.SimulateAsync(host.Applications, journey.CycleId, AllocationRuleKind.Priority);
        Assert.All(simulated.Result.Allocations.Where(x => x.AwardId.StartsWith("app-a:", StringComparison.Ordinal)), x => Assert.Equal(x.Requested, x.Granted));
        Assert.True(simulated.Result.Allocations.Single(x => x.AwardId.StartsWith("app-b:", StringComparison.Ordinal)).Waitlisted);

        await journey.ApproveFiscalAsync(AllocationRuleKind.Priority);
        var b = await journey.AppAsync("app-b");
        Assert.Equal(ApplicationStatus.Waitlisted, b.Status);
        Assert.Equal(AwardStates.Waitlisted, Assert.Single(b.Awards).State);
        Assert.Contains(host.Mail.To(Seed.FirmB.ContactEmail), m => m.Category == "FiscalOutcome");
        Assert.Equal(ApplicationStatus.InPublicNotice, (await journey.AppAsync("app-a")).Status);

        await journey.PassNoticeAsync();
        Assert.All(host.Ledger.Instructions, i => Assert.Equal("app-a", i.ApplicationId));
        Assert.Equal(300_000m, host.Ledger.Instructions.Sum(i => i.Amount));
        await host.ConfirmPaymentsAsync(journey.BatchId);
        await host.UntilCycleAsync(journey.CycleId, CycleStatus.Closed);
        var report = (await host.CycleAsync(journey.CycleId)).Report!;
        Assert.Equal(new BudgetLine(Seed.Treasury, 300_000m, 300_000m, 0m), Assert.Single(report.ByTreasury));
    }
}
