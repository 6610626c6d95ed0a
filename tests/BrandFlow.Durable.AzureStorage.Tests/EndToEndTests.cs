using BrandFlow.Durable.Client;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Durable.AzureStorage.Tests;

public sealed class EndToEndTests
{
    [Fact]
    public async Task ChainFanOutEventsAndTimer_CompleteWithExpectedResults()
    {
        var scenarios = new Scenarios();
        await using var host = await WorkerHost.StartAsync(AzuriteStorage.UniqueHub("etoe"), scenarios);
        var client = host.Client;
        await client.ScheduleNewOrchestrationInstanceAsync("Chain", 5, new StartOrchestrationOptions("chain"));
        await client.ScheduleNewOrchestrationInstanceAsync("FanOut", 20, new StartOrchestrationOptions("fan"));
        await client.ScheduleNewOrchestrationInstanceAsync("Approval", 10, new StartOrchestrationOptions("early"));
        await client.RaiseEventAsync("early", "approve", 5);
        await client.ScheduleNewOrchestrationInstanceAsync("Approval", 100, new StartOrchestrationOptions("late"));
        await client.ScheduleNewOrchestrationInstanceAsync("Sleep", 2, new StartOrchestrationOptions("sleep"));
        await client.WaitForInstanceStartAsync("late");
        await Task.Delay(500);
        await client.RaiseEventAsync("late", "approve", 1);

        var done = await host.WaitForAllAsync(["chain", "fan", "early", "late", "sleep"], TimeSpan.FromSeconds(60));
        Assert.All(done.Values, s => Assert.Equal(OrchestrationRuntimeStatus.Completed, s.RuntimeStatus));
        Assert.Equal("5", done["chain"].Output);
        Assert.Equal(Scenarios.FanOutResult(20).ToString(System.Globalization.CultureInfo.InvariantCulture), done["fan"].Output);
        Assert.Equal("16", done["early"].Output);
        Assert.Equal("102", done["late"].Output);
        Assert.Equal("\"woke\"", done["sleep"].Output);
        Assert.True(done["sleep"].CompletedAt!.Value - done["sleep"].CreatedAt >= TimeSpan.FromSeconds(2));
        foreach (var id in done.Keys)
        {
            HistoryAssert.Valid(id, await host.Service.GetHistoryAsync(id, CancellationToken.None));
        }

        await host.Worker.StopAsync();
        await host.Service.DeleteAllAsync();
    }

    [Fact]
    public async Task LargePayloads_Over64KiB_RoundTripThroughQueuesTablesAndBlobs()
    {
        var scenarios = new Scenarios();
        await using var host = await WorkerHost.StartAsync(AzuriteStorage.UniqueHub("bigp"), scenarios);
        var text = string.Concat(Enumerable.Range(0, 30_000).Select(i => (char)('a' + (i % 26))));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", text, new StartOrchestrationOptions("big"));
        var done = await host.WaitForAllAsync(["big"], TimeSpan.FromSeconds(30));

        var output = (await host.Client.GetInstanceAsync("big", getInputsAndOutputs: true))!.ReadOutputAs<string>();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done["big"].RuntimeStatus);
        Assert.Equal(new string(text.Reverse().ToArray()), output);
        Assert.True(await host.Service.Payloads.CountInstanceBlobsAsync("big", CancellationToken.None) > 0);
        Assert.Equal(1, (await host.Client.PurgeInstanceAsync("big")).PurgedInstanceCount);
        Assert.Equal(0, await host.Service.Payloads.CountInstanceBlobsAsync("big", CancellationToken.None));
        await host.Worker.StopAsync();
        await host.Service.DeleteAllAsync();
    }

    [Fact]
    public async Task TimerLongerThanQueueVisibilityMaximum_IsChainedOnTheFakeClock()
    {
        var scenarios = new Scenarios();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WorkerHost.StartAsync(AzuriteStorage.UniqueHub("longt"), scenarios, o => o.MaxVisibilityDelay = TimeSpan.FromSeconds(1), clock: clock);
        var eightDays = (int)TimeSpan.FromDays(8).TotalSeconds;
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleep", eightDays, new StartOrchestrationOptions("long"));
        await host.Client.WaitForInstanceStartAsync("long");

        // Queue visibility is real time, capped at one second here: the timer keeps coming back early and is re-enqueued.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(host.Service.TimerRequeues >= 1, "the timer message was not chained");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync("long"))!.RuntimeStatus);

        clock.Advance(TimeSpan.FromDays(8));
        var done = await host.WaitForAllAsync(["long"], TimeSpan.FromSeconds(20));
        Assert.Equal("\"woke\"", done["long"].Output);
        await host.Worker.StopAsync();
        await host.Service.DeleteAllAsync();
    }
}
