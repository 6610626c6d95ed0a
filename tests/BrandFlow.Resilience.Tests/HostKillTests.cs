using System.Diagnostics;
using BrandFlow.Awards.Model;
using Xunit.Abstractions;

namespace BrandFlow.Resilience.Tests;

/// <summary>
/// kill -9 of the only host while a step of the award journey is in progress, then a restart under the same worker
/// name: nothing is lost, every application reaches its state, one payment instruction and one ledger row per award.
/// The host is the app with a notice of a few seconds (BrandFlow.Resilience.Host), so a journey reaches the payout.
/// Timing: the step's API call returns once its event or start message is stored; the host is killed at that moment
/// (submission, review, fiscal approval), or for the payout batch the moment the first payment instruction row appears;
/// each test then checks in the stores that the step was really unfinished when the process died.
/// </summary>
public sealed class HostKillTests(ITestOutputHelper output)
{
    private const int Applications = 4;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The step during which the host is killed.</summary>
    public enum Step
    {
        /// <summary>Right after the last submission POST returned.</summary>
        Submission,

        /// <summary>Right after the last review decision POST returned.</summary>
        ReviewDecision,

        /// <summary>Right after the fiscal approval POST returned.</summary>
        FiscalApproval,

        /// <summary>When the first payment instruction of the batch is written.</summary>
        PayoutBatch,
    }

    [Theory]
    [InlineData(Step.Submission)]
    [InlineData(Step.ReviewDecision)]
    [InlineData(Step.FiscalApproval)]
    [InlineData(Step.PayoutBatch)]
    public async Task KillDuringStep_RestartedHost_FinishesEveryApplicationOnce(Step step)
    {
        var watch = Stopwatch.StartNew();
        await using var site = await TestSite.CreateAsync();
        var journey = new AwardJourney(site, Applications);
        var host = await site.StartAsync("host", TestSite.ShortNoticeDll);
        var api = journey.Api(host);
        await journey.SetUpAsync(api);

        async Task KillAndRestartAsync(Func<IReadOnlyDictionary<string, ApplicationStatus>, bool> finished, string what)
        {
            await host.KillAsync();
            var atKill = await journey.StoredStatusesAsync();
            var rows = await journey.PayoutRowsAsync();
            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: killed during {what}; stored statuses {Summary(atKill)}; instructions {rows.Instructions.Count}, ledger {rows.Ledger.Count}");
            Assert.False(finished(atKill), $"the {what} step had already finished when the host was killed: the test did not interrupt it");
            api.Dispose();
            host = await site.StartAsync("host", TestSite.ShortNoticeDll);
            api = journey.Api(host);
            output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: restarted");
        }

        // 1. Submission (estimate, automatic document check) → AwaitingClerk.
        await journey.SubmitAsync(_ => api, concurrency: Applications);
        if (step == Step.Submission)
        {
            await KillAndRestartAsync(s => s.Count == Applications && s.Values.All(v => v == ApplicationStatus.AwaitingClerk), "submission");
        }

        await journey.WaitForAllAsync(api, s => s == ApplicationStatus.AwaitingClerk, StepTimeout, "AwaitingClerk");

        // 2. Clerk, then the review decision → AwaitingFiscalApproval.
        await journey.ClerkApproveAsync(_ => api);
        await journey.ReviewApproveAsync(_ => api, StepTimeout);
        if (step == Step.ReviewDecision)
        {
            await KillAndRestartAsync(s => s.Values.All(v => v == ApplicationStatus.AwaitingFiscalApproval), "review decision");
        }

        await journey.WaitForAllAsync(api, s => s == ApplicationStatus.AwaitingFiscalApproval, StepTimeout, "AwaitingFiscalApproval");

        // 3. Fiscal approval → public notice (a few seconds) → payout batch → PayoutIssued.
        await journey.CloseWindowAsync(api);
        await api.ApproveFiscalAsync(AwardJourney.Finance, journey.CycleId);
        if (step == Step.FiscalApproval)
        {
            await KillAndRestartAsync(s => s.Values.All(v => v is ApplicationStatus.InPublicNotice or ApplicationStatus.PayoutIssued), "fiscal approval");
        }

        if (step == Step.PayoutBatch)
        {
            var first = Stopwatch.StartNew();
            while ((await journey.PayoutRowsAsync()).Instructions.Count == 0)
            {
                Assert.True(first.Elapsed < StepTimeout, $"no payment instruction within {StepTimeout.TotalSeconds:0} s\n{host.Output}");
                await Task.Delay(20);
            }

            await KillAndRestartAsync(s => s.Values.All(v => v == ApplicationStatus.PayoutIssued), "payout batch");
        }

        var final = await journey.WaitForAllAsync(api, s => s == ApplicationStatus.PayoutIssued, StepTimeout, "PayoutIssued");
        await journey.WaitForCycleAsync(api, CycleStatus.Paying, StepTimeout);

        // Nothing lost, nothing doubled: every submitted application listed once; one award each; one instruction and
        // one ledger row per award.
        var stored = await (await journey.StoresAsync()).Applications.ListByCycleAsync(journey.CycleId);
        Assert.Equal(journey.ApplicationIds.Order(StringComparer.Ordinal), final.Keys.Order(StringComparer.Ordinal));
        var awards = stored.SelectMany(a => a.Awards).Select(a => a.AwardId).ToList();
        Assert.Equal(Applications, awards.Distinct(StringComparer.Ordinal).Count());
        var (instructions, ledger) = await journey.PayoutRowsAsync();
        Assert.Equal(awards.Order(StringComparer.Ordinal), instructions.Order(StringComparer.Ordinal));
        Assert.Equal(Applications, ledger.Count);
        output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s: all {Applications} PayoutIssued; {instructions.Count} instructions, {ledger.Count} ledger rows");
    }

    private static string Summary(IReadOnlyDictionary<string, ApplicationStatus> statuses) =>
        statuses.Count == 0 ? "(none)" : string.Join(", ", statuses.GroupBy(s => s.Value).Select(g => $"{g.Key}: {g.Count()}"));
}
