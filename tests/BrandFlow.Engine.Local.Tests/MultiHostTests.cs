using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>Several hosts (standing in for processes) on one task hub.</summary>
public sealed class MultiHostTests
{
    private const int Orchestrations = 50;

    [Fact]
    public async Task TwoHostsOneTaskHub_FiftyOrchestrations_EachCompletesAndEachActivityRunsOnce()
    {
        var taskHub = Azurite.UniqueTaskHub();
        var log = new ExecutionLog();
        await using var first = await EngineHost.StartAsync(
            Azurite.ConnectionString, taskHub, options => options.WorkerId = "first", services => services.AddSingleton(log));
        await using var second = await EngineHost.StartAsync(
            Azurite.ConnectionString, taskHub, options => options.WorkerId = "second", services => services.AddSingleton(log));

        var ids = new List<string>();
        for (var i = 0; i < Orchestrations; i++)
        {
            var client = i % 2 == 0 ? first.Client : second.Client;
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingOrchestrator), $"n{i}"));
        }

        for (var i = 0; i < Orchestrations; i++)
        {
            var state = await first.WaitAsync(ids[i], seconds: 120);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
            Assert.Equal($"Hello n{i}-1, Hello n{i}-2, Hello n{i}-3", state.ReadOutputAs<string>());
        }

        var executions = log.Snapshot();
        Assert.Equal(Orchestrations * 3, executions.Count);
        Assert.All(executions, execution => Assert.True(execution.Value == 1, $"{execution.Key} ran {execution.Value} times"));
    }

    [Fact]
    public async Task ClientOnlyHost_SchedulesAndRaises_WorkerHostProcesses()
    {
        var taskHub = Azurite.UniqueTaskHub();
        await using var worker = await EngineHost.StartAsync(Azurite.ConnectionString, taskHub);
        await using var clientOnly = await EngineHost.StartAsync(Azurite.ConnectionString, taskHub, options => options.ProcessWork = false);

        var id = await clientOnly.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), "remote");
        await clientOnly.Client.WaitForInstanceStartAsync(id);
        await clientOnly.Client.RaiseEventAsync(id, ApprovalOrchestrator.EventName, "ok");

        Assert.Equal("remote:ok", (await clientOnly.WaitAsync(id)).ReadOutputAs<string>());
        Assert.Empty(clientOnly.Host.Services.GetRequiredService<ExecutionLog>().Snapshot());
    }
}
