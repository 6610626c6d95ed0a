using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.AzureStorage.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task ContinueAsNewSubOrchestrationsSuspendResumeTerminate_WorkOnAzureStorage()
    {
        var scenarios = new Scenarios();
        await using var host = await WorkerHost.StartAsync(AzuriteStorage.UniqueHub("life"), scenarios);
        var client = host.Client;
        await client.ScheduleNewOrchestrationInstanceAsync("Countdown", 3, new StartOrchestrationOptions("countdown"));
        await client.ScheduleNewOrchestrationInstanceAsync("Parent", 4, new StartOrchestrationOptions("parent"));
        await client.ScheduleNewOrchestrationInstanceAsync("Approval", 1, new StartOrchestrationOptions("paused"));
        await client.ScheduleNewOrchestrationInstanceAsync("Approval", 1, new StartOrchestrationOptions("stopped"));
        await client.WaitForInstanceStartAsync("paused");
        await client.WaitForInstanceStartAsync("stopped");

        await client.SuspendInstanceAsync("paused", "audit");
        await WaitForStatusAsync(client, "paused", OrchestrationRuntimeStatus.Suspended);
        await client.RaiseEventAsync("paused", "approve", 5);
        await Task.Delay(1500);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await client.GetInstanceAsync("paused"))!.RuntimeStatus);
        await client.ResumeInstanceAsync("paused", "done");
        await client.TerminateInstanceAsync("stopped", "withdrawn");

        var done = await host.WaitForAllAsync(["countdown", "parent", "paused", "stopped"], TimeSpan.FromSeconds(60));
        Assert.Equal("0", done["countdown"].Output);
        Assert.Equal((3 * Scenarios.FanOutResult(4)).ToString(System.Globalization.CultureInfo.InvariantCulture), done["parent"].Output);
        Assert.Equal("7", done["paused"].Output);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done["stopped"].RuntimeStatus);

        // ContinueAsNew keeps only the last execution's history; earlier executions' rows are gone.
        var history = await host.Service.GetHistoryAsync("countdown", CancellationToken.None);
        Assert.Single(history.OfType<Backend.ExecutionStartedEvent>());
        var rows = host.Service.Table.Query<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "countdown").Count(e => e.RowKey.StartsWith('H'));
        Assert.Equal(history.Count, rows);

        var purged = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(null, null, [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Terminated]));
        Assert.True(purged.PurgedInstanceCount >= 4);
        Assert.Null(await client.GetInstanceAsync("parent"));
        await host.Worker.StopAsync();
        await host.Service.DeleteAllAsync();
    }

    [Fact]
    public async Task DelayedStart_EventRaisedBeforeTheStart_IsKeptAndNotPoisoned()
    {
        var scenarios = new Scenarios();
        await using var host = await WorkerHost.StartAsync(AzuriteStorage.UniqueHub("later"), scenarios, o => o.MaxDequeueCount = 2);
        var startAt = DateTimeOffset.UtcNow.AddSeconds(4);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 1, new StartOrchestrationOptions("later", startAt));
        await host.Client.RaiseEventAsync("later", "approve", 1);

        var done = await host.WaitForAllAsync(["later"], TimeSpan.FromSeconds(30));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done["later"].RuntimeStatus);
        Assert.Equal("3", done["later"].Output);
        var started = (await host.Service.GetHistoryAsync("later", CancellationToken.None)).OfType<Backend.OrchestratorStartedEvent>().First().Timestamp;
        Assert.True(started >= startAt.UtcDateTime.AddSeconds(-1), $"started at {started:o}, before {startAt:o}");
        Assert.Null((await host.Service.ControlPoisonQueue.PeekMessageAsync()).Value);
        await host.Worker.StopAsync();
        await host.Service.DeleteAllAsync();
    }

    private static async Task WaitForStatusAsync(DurableTaskClient client, string instanceId, OrchestrationRuntimeStatus status)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await client.GetInstanceAsync(instanceId))?.RuntimeStatus == status)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{instanceId} never became {status}.");
    }
}
