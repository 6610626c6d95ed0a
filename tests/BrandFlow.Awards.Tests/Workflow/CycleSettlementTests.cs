using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>The cycle's settlement watcher: counts events, trusts the read model, keeps its history short.</summary>
public sealed class CycleSettlementTests
{
    [Fact]
    public async Task Watcher_250ApplicationsSettle_CompletesWithShortHistory()
    {
        var host = new AwardTestHost(Journey.Start);
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
            if (i % 10 == 9)
            {
                await host.DrainAsync();
            }

            if (i == 200)
            {
                Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.InstanceAsync(watcherId)).RuntimeStatus);
            }
        }

        await host.DrainAsync();
        var instance = await host.InstanceAsync(watcherId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(250, instance.ReadOutputAs<int>());
        var history = await host.Client.GetHistoryAsync(watcherId);
        Assert.True(history.Count < 400);

        // The hourly check is one timer per execution, not one per event (each would sit in the queue for an hour).
        Assert.True(history.OfType<TimerCreatedEvent>().Count() <= 1, $"{history.OfType<TimerCreatedEvent>().Count()} timers in the last execution");
    }
}
