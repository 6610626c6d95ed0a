using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>The cycle's settlement watcher: counts events, trusts the read model, keeps its history short (continues as new).</summary>
public sealed class CycleSettlementTests
{
    [Fact]
    public async Task Watcher_250ApplicationsSettle_ContinuesAsNewAndCompletes()
    {
        await using var host = await AwardTestHost.StartAsync(Journey.Opens);
        const string cycleId = "cycle-many";
        for (var i = 0; i < 250; i++)
        {
            await host.Applications.SaveAsync(new ApplicationRecord($"app-{i:000}", cycleId, Seed.FirmA, "a@firm-a.test", DateTimeOffset.UnixEpoch,
                ApplicationStatus.InReview, [], [], [], [], [], null, [], new Dictionary<string, string>(), 1, DateTimeOffset.UnixEpoch));
        }

        var watcherId = AwardWorkflow.SettlementId(cycleId, SettlementPhases.Review);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(AwardWorkflow.CycleSettlement, new SettlementWatch(cycleId, SettlementPhases.Review, false, null),
            new StartOrchestrationOptions(watcherId));
        await host.RaiseAsync(watcherId, CycleSignals.WindowClosed, new { });
        for (var i = 0; i < 250; i++)
        {
            var record = (await host.Applications.GetAsync($"app-{i:000}"))!;
            await host.Applications.SaveAsync(record with { Status = ApplicationStatus.AwaitingFiscalApproval, Revision = 2 });
            await host.Client.RaiseEventAsync(watcherId, CycleSignals.ApplicationSettled, new ApplicationSettledEvent(record.ApplicationId, SettlementPhases.Review, ApplicationStatus.AwaitingFiscalApproval));
            if (i % 25 == 24)
            {
                // Let the watcher work through the events raised so far (it writes nothing, so this is a pause).
                await host.QuietAsync();
            }

            if (i == 200)
            {
                // 49 applications are still in review: whatever it counted or crossed off, the watcher goes on.
                await host.QuietAsync();
                var running = await host.InstanceAsync(watcherId);
                Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);

                // Past 100 events it runs as a new execution (a fresh, short history) started with what is still open.
                var carried = running.ReadInputAs<SettlementWatch>()!;
                Assert.True(carried.WindowClosed);
                Assert.NotNull(carried.Outstanding);
                Assert.True(carried.Outstanding!.Count < 250, $"{carried.Outstanding.Count} outstanding carried over");
            }
        }

        var instance = await host.CompletedAsync(watcherId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(250, instance.ReadOutputAs<int>());
        var last = instance.ReadInputAs<SettlementWatch>()!;
        Assert.True(last.WindowClosed, "the last execution is a continued one");
        Assert.NotNull(last.Outstanding);
    }
}
