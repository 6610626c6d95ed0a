using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>Once-per-level and difference rules as the workflow applies them: prior awards come from the ledger.</summary>
public sealed class LedgerRulesTests
{
    [Fact]
    public async Task Estimate_HigherLevelAfterLowerPaid_AwardsOnlyTheDifference()
    {
        await using var host = await AwardTestHost.StartAsync(Journey.Opens);
        var firm = Seed.NewFirm("91330105MA2K00001", "杭州拱墅品牌有限公司", "brand@gs.test", "330105");
        await host.Directory.UpsertFirmAsync(firm);
        var cycle = new CycleDefinition("330105-2021-brand", "330105", 2021, "拱墅区2021年品牌奖励", "Gongshu 2021 brand awards", ["gs-brand-strategy"], null,
            new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 30), new DateOnly(2020, 12, 31), new StepDurations(), new Dictionary<string, decimal> { ["fin-330105"] = 1_000_000m });
        await host.Applications.SaveCycleAsync(new CycleRecord(cycle, CycleStatus.Open, AwardTestHost.Now));
        await host.Ledger.AppendAsync(new LedgerEntry("old:fp:gs-famous-municipal", firm.CreditCode, "gs-famous-municipal", 1, "municipal", "运河牌丝巾", [],
            new DateOnly(2018, 5, 1), 50_000m, "fin-330105", "330105-2018-brand", "old", AwardTestHost.Now));

        var file = await Seed.UploadAsync(host, firm, "certificate", "provincial famous brand certificate");
        var achievement = new AchievementInput { Id = "up", Kind = "brand.famous", Level = "provincial", Date = new DateOnly(2020, 5, 1), Subject = "运河牌丝巾", Identifiers = ["ZJMP-2020-0001"] };
        await host.SubmitAsync(new ApplicationSubmission("gs-app", cycle.CycleId, firm, firm.ContactEmail, [new ClaimInput("up", achievement, [file.FileId])], [file], AwardTestHost.Now));

        await host.UntilStatusAsync("gs-app", ApplicationStatus.AwaitingClerk);
        var record = await host.ApplicationAsync("gs-app");
        var award = Assert.Single(record.Awards);
        Assert.Equal("gs-famous-provincial", award.ClauseId);
        Assert.Equal(50_000m, award.EstimatedAmount);
        Assert.Equal("gs-app:up:gs-famous-provincial", award.AwardId);
    }

    [Fact]
    public async Task Submission_UnknownCycle_RejectedWithBilingualReason()
    {
        await using var host = await AwardTestHost.StartAsync(Journey.Opens);
        await Seed.PeopleAsync(host);
        var wk = await Seed.WellKnownAsync(host, Seed.FirmA);
        await host.SubmitAsync(Seed.Submission(host, "lost", Seed.FirmA, "no-such-cycle", wk));

        await host.UntilStatusAsync("lost", ApplicationStatus.Rejected);
        var audit = await host.Audit.ListAsync("lost");
        Assert.Contains(audit, e => e.Action == "application.rejected" && e.Detail!.Contains("不存在", StringComparison.Ordinal) && e.Detail.Contains("does not exist", StringComparison.Ordinal));
    }
}
