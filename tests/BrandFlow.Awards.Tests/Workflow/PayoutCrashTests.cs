using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>A storage failure in the middle of the payout batch never pays twice (process kills are tested on Azurite).</summary>
public sealed class PayoutCrashTests
{
    private static async Task<Journey> InNoticeAsync(Journey journey)
    {
        await journey.ApproveAsync(await journey.SubmitFirmAAsync());
        await journey.ApproveAsync(await journey.SubmitFirmBAsync());
        await journey.CloseWindowAsync();
        await journey.ApproveFiscalAsync(AllocationRuleKind.ProRata);
        return journey;
    }

    private static void AssertOncePerAward(AwardTestHost host)
    {
        Assert.Equal(3, host.Ledger.Instructions.Count);
        Assert.Equal(3, host.Ledger.Instructions.Select(i => i.AwardId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(3, host.Ledger.Entries.Count);
        Assert.Equal(500_000m, host.Ledger.Entries.Sum(e => e.Amount));
    }

    [Fact]
    public async Task PayoutBatch_LedgerFailsAfterThreeWrites_RetriedWithoutDuplicates()
    {
        FlakyLedger? flaky = null;
        await using var journey = await InNoticeAsync(await Journey.OpenAsync(wrapLedger: inner => flaky = new FlakyLedger(inner, 3)));
        var host = journey.Host;
        await journey.PassNoticeAsync();
        await host.UntilAsync(() => Task.FromResult(host.Documents.Names.Contains($"payments/{journey.BatchId}.csv")), "the payment file");

        Assert.True(flaky!.Failed);
        AssertOncePerAward(host);
        Assert.Contains($"payments/{journey.BatchId}.csv", host.Documents.Names);
        var csv = System.Text.Encoding.UTF8.GetString((await host.Documents.ReadAsync($"payments/{journey.BatchId}.csv"))!);
        Assert.Contains(Seed.FirmA.CreditCode, csv, StringComparison.Ordinal);
    }
}
