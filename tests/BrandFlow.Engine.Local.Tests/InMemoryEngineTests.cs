using Microsoft.DurableTask.Client;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>The in-memory variant: no connection string, same worker, client and tasks.</summary>
public sealed class InMemoryEngineTests
{
    [Fact]
    public async Task AddLocalDurableEngine_NoConnectionString_RunsActivitiesTimerEventSubOrchestrationAndContinueAsNew()
    {
        await using var engine = await EngineHost.StartAsync(connectionString: null, taskHub: "inmemory");
        var client = engine.Client;

        var greeting = await client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingOrchestrator), "mem");
        var timer = await client.ScheduleNewOrchestrationInstanceAsync(nameof(TimerOrchestrator), 2);
        var approval = await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), "claim");
        var parent = await client.ScheduleNewOrchestrationInstanceAsync(nameof(ParentOrchestrator), "kid");
        var counter = await client.ScheduleNewOrchestrationInstanceAsync(nameof(CounterOrchestrator), 0);
        await client.WaitForInstanceStartAsync(approval);
        await client.RaiseEventAsync(approval, ApprovalOrchestrator.EventName, "yes");

        Assert.Equal("Hello mem-1, Hello mem-2, Hello mem-3", (await engine.WaitAsync(greeting)).ReadOutputAs<string>());
        Assert.True((await engine.WaitAsync(timer)).ReadOutputAs<double>() >= 1.9);
        Assert.Equal("claim:yes", (await engine.WaitAsync(approval)).ReadOutputAs<string>());
        Assert.Equal("parent(Hello kid-1, Hello kid-2, Hello kid-3)", (await engine.WaitAsync(parent)).ReadOutputAs<string>());
        var final = await engine.WaitAsync(counter);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, final.RuntimeStatus);
        Assert.Equal(CounterOrchestrator.Target, final.ReadOutputAs<int>());
    }
}
