using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>The engine on DurableTask.AzureStorage over Azurite: every task kind, and the sidecar defects closed.</summary>
public sealed class AzureStorageEngineTests
{
    [Fact]
    public async Task Activities_ClassBasedWithInjectedService_CompleteInOrder()
    {
        await using var engine = await EngineHost.StartAsync(Azurite.ConnectionString, Azurite.UniqueTaskHub());

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingOrchestrator), "az");
        var state = await engine.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("Hello az-1, Hello az-2, Hello az-3", state.ReadOutputAs<string>());
        Assert.Equal(1, engine.Host.Services.GetRequiredService<ExecutionLog>().Count($"{id}/{nameof(SayHelloActivity)}/az-2"));
    }

    [Fact]
    public async Task DurableTimer_TwoSeconds_FiresAfterAboutTwoSeconds()
    {
        await using var engine = await EngineHost.StartAsync(Azurite.ConnectionString, Azurite.UniqueTaskHub());

        var watch = Stopwatch.StartNew();
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(TimerOrchestrator), 2);
        var state = await engine.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        // Azure Storage queue visibility has 1-second precision: the timer may fire up to about a second early.
        Assert.True(state.ReadOutputAs<double>() >= 0.9, $"timer fired after {state.ReadOutputAs<double>()} s");
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"completed after {watch.Elapsed}");
    }

    [Fact]
    public async Task ExternalEvent_Raised_CompletesWithPayload()
    {
        await using var engine = await EngineHost.StartAsync(Azurite.ConnectionString, Azurite.UniqueTaskHub());

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), "claim");
        await engine.Client.WaitForInstanceStartAsync(id);
        await engine.Client.RaiseEventAsync(id, ApprovalOrchestrator.EventName, "approved");

        Assert.Equal("claim:approved", (await engine.WaitAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestration_WithTags_CompletesAndEveryHistoryRowHasAnEventType()
    {
        var taskHub = Azurite.UniqueTaskHub();
        await using var engine = await EngineHost.StartAsync(Azurite.ConnectionString, taskHub);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ParentOrchestrator), "kid");
        var state = await engine.WaitAsync(id);

        // Defect 1 (MapField tags) made the child's start message fail forever; defect 2 (GrpcSubOrchestrationInstanceCreatedEvent)
        // left an empty history row that broke every later load of the parent.
        Assert.Equal("parent(Hello kid-1, Hello kid-2, Hello kid-3)", state.ReadOutputAs<string>());
        var history = new TableServiceClient(Azurite.ConnectionString).GetTableClient($"{taskHub}History");
        var rows = history.Query<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id}")).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows.Where(row => row.RowKey != "sentinel"), row => Assert.True(row.ContainsKey("EventType"), $"row {row.RowKey} has no EventType"));
        Assert.Contains(rows, row => row.GetString("EventType") == "SubOrchestrationInstanceCreated");
        var child = await engine.Client.GetInstanceAsync($"{id}-child", getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child?.RuntimeStatus);
    }

    [Fact]
    public async Task ContinueAsNew_ThreeGenerations_CompletesWithLastInput()
    {
        await using var engine = await EngineHost.StartAsync(Azurite.ConnectionString, Azurite.UniqueTaskHub());

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CounterOrchestrator), 0);
        var state = await engine.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(CounterOrchestrator.Target, state.ReadOutputAs<int>());
    }
}
