using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Durable.Backend;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>A crash or a storage failure in the middle of the payout batch never pays twice.</summary>
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
    public async Task PayoutBatch_ProcessDiesAfterChunkRanBeforeItsResultWasStored_OneInstructionAndLedgerRowPerAward()
    {
        var hook = new CrashHook(FaultPoint.AfterLockBeforeCommit, Seed.Cycle(Journey.Opens, Journey.Closes).CycleId, nth: 2);
        var journey = await InNoticeAsync(await Journey.OpenAsync(hook: hook));
        var host = journey.Host;
        var end = (await host.CycleAsync(journey.CycleId)).NoticeEndsOn!.Value;
        await host.AdvanceToAsync(end, 23);
        hook.Armed = true;

        host.Clock.Advance(TimeSpan.FromHours(2));
        Assert.True(await host.DrainUntilCrashAsync());
        Assert.True(hook.Fired);
        Assert.Equal(3, host.Ledger.Instructions.Count);

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await host.DrainAsync();
        AssertOncePerAward(host);
        Assert.Equal(CycleStatus.Paying, (await host.CycleAsync(journey.CycleId)).Status);
        await host.ConfirmPaymentsAsync(journey.BatchId);
        Assert.Equal(CycleStatus.Closed, (await host.CycleAsync(journey.CycleId)).Status);
    }

    [Fact]
    public async Task PayoutBatch_LedgerFailsAfterThreeWrites_RetriedWithoutDuplicates()
    {
        FlakyLedger? flaky = null;
        var journey = await InNoticeAsync(await Journey.OpenAsync(wrapLedger: inner => flaky = new FlakyLedger(inner, 3)));
        var host = journey.Host;
        await journey.PassNoticeAsync();

        Assert.True(flaky!.Failed);
        AssertOncePerAward(host);
        Assert.Contains($"payments/{journey.BatchId}.csv", host.Documents.Names);
        var csv = System.Text.Encoding.UTF8.GetString((await host.Documents.ReadAsync($"payments/{journey.BatchId}.csv"))!);
        Assert.Contains(Seed.FirmA.CreditCode, csv, StringComparison.Ordinal);
    }
}
