using System.Diagnostics;
using Azure.Storage.Queues;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>Shutdown, long activities and a dropped worker stream on Azurite.</summary>
public sealed class EngineResilienceTests
{
    [Fact]
    public async Task StopAsync_WithWorkInFlight_CompletesUnderFiveSecondsAndTheNextHostResumes()
    {
        var taskHub = Azurite.UniqueTaskHub();
        // A control-queue poll racing the shutdown can take the new message and drop it unprocessed
        // (DurableTask.AzureStorage); it is then invisible for ControlQueueVisibilityTimeout, so keep that short here.
        static void ShortLock(LocalEngineOptions options) => options.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10);
        var engine = await EngineHost.StartAsync(Azurite.ConnectionString, taskHub, ShortLock);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingOrchestrator), "stop");
        await engine.WaitAsync(id);
        // Start an orchestration right before stopping: its first episode is often in flight when the worker's stream
        // closes (the backend then waited 60 s to drain the partition).
        var pending = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), "pending");

        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await engine.Host.StopAsync(timeout.Token);
        watch.Stop();
        engine.Host.Dispose();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"StopAsync took {watch.Elapsed}");

        await using var next = await EngineHost.StartAsync(Azurite.ConnectionString, taskHub, ShortLock);
        using (var started = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await next.Client.WaitForInstanceStartAsync(pending, started.Token);
        }

        await next.Client.RaiseEventAsync(pending, ApprovalOrchestrator.EventName, "resumed");
        Assert.Equal("pending:resumed", (await next.WaitAsync(pending)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Activity_LongerThanQueueLock_RunsOnceAndItsMessageIsDeleted()
    {
        var taskHub = Azurite.UniqueTaskHub();
        await using var engine = await EngineHost.StartAsync(
            Azurite.ConnectionString, taskHub, options => options.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(3));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(SlowWorkOrchestrator), 10);
        var state = await engine.WaitAsync(id, seconds: 90);
        // Give a second delivery (had the lock lapsed) time to show up.
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.Equal("slept 10s", state.ReadOutputAs<string>());
        Assert.Equal(1, engine.Host.Services.GetRequiredService<ExecutionLog>().Count($"{id}/{nameof(SlowActivity)}"));
        // Without renewal the message was fetched again while running, its pop receipt changed, the delete failed and
        // the message stayed in the queue for ever (delivered again to any other process on the task hub).
        var workItems = new QueueClient(Azurite.ConnectionString, $"{taskHub}-workitems");
        Assert.Equal(0, (await workItems.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task WorkerStream_DroppedAndReconnected_WorkContinues()
    {
        await using var engine = await EngineHost.StartAsync(Azurite.ConnectionString, Azurite.UniqueTaskHub());
        var worker = engine.Host.Services.GetServices<IHostedService>().OfType<DurableTaskWorker>().Single();
        var waiting = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), "before");
        await engine.Client.WaitForInstanceStartAsync(waiting);

        // The worker closes its work-item stream; the sidecar keeps running and accepting client calls.
        await worker.StopAsync(CancellationToken.None);
        await engine.Client.RaiseEventAsync(waiting, ApprovalOrchestrator.EventName, "while-away");
        var started = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetingOrchestrator), "away");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await engine.Client.GetInstanceAsync(started))?.RuntimeStatus);

        await worker.StartAsync(CancellationToken.None);

        Assert.Equal("before:while-away", (await engine.WaitAsync(waiting)).ReadOutputAs<string>());
        Assert.Equal("Hello away-1, Hello away-2, Hello away-3", (await engine.WaitAsync(started)).ReadOutputAs<string>());
    }
}
