using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using static BrandFlow.Durable.AzureStorage.Tests.BackendTestData;

namespace BrandFlow.Durable.AzureStorage.Tests;

public sealed class BackendFailureTests
{
    [Fact]
    public async Task PoisonMessage_GoesToPoisonQueue_AndFailsInstanceWithReason()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("poison"), o => o.MaxDequeueCount = 2);
        await service.CreateInstanceAsync(StartMessage("p1"), CancellationToken.None);
        var item = await LockOrchestrationAsync(service);
        await service.CompleteOrchestrationWorkItemAsync(item, Commit(item, Running(item)), CancellationToken.None);

        // A message whose processing keeps failing: abandoned twice, then the third delivery is poison.
        await service.SendMessageAsync(TaskMessage.Create("p1", null, new EventRaisedEvent { Name = "bad", Timestamp = DateTime.UtcNow }), CancellationToken.None);
        for (var i = 0; i < 2; i++)
        {
            var failing = await LockOrchestrationAsync(service);
            await service.AbandonOrchestrationWorkItemAsync(failing, TimeSpan.Zero, AbandonReason.Failure, CancellationToken.None);
        }

        Assert.Null(await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None));
        var state = await service.GetStateAsync("p1", CancellationToken.None);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state!.RuntimeStatus);
        Assert.Contains("poison", state.FailureDetails!.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("ExecutionCompleted", (await service.GetHistoryAsync("p1", CancellationToken.None))[^1].Kind);
        Assert.NotNull((await service.ControlPoisonQueue.PeekMessageAsync()).Value);
        await service.DeleteAllAsync();
    }

    [Fact]
    public async Task AbandonDeferred_ReEnqueuesFreshCopy_AndNeverCountsTowardPoison()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("deferred"), o => o.MaxDequeueCount = 2);
        Assert.Equal(2, service.MaxDeliveryCount);
        await service.SendMessageAsync(TaskMessage.Create("w1", null, new EventRaisedEvent { Name = "early", Timestamp = DateTime.UtcNow }), CancellationToken.None);

        // Deferred (waiting for a start) more often than the poison limit allows: each retry is a fresh delivery.
        for (var i = 0; i < 4; i++)
        {
            var waiting = await LockOrchestrationAsync(service);
            Assert.Equal(1, Assert.Single(waiting.NewMessages).DequeueCount);
            await service.AbandonOrchestrationWorkItemAsync(waiting, TimeSpan.Zero, AbandonReason.Deferred, CancellationToken.None);
        }

        var last = await LockOrchestrationAsync(service);
        Assert.Equal("early", ((EventRaisedEvent)Assert.Single(last.NewMessages).Event).Name);
        Assert.Null((await service.ControlPoisonQueue.PeekMessageAsync()).Value);
        await service.AbandonOrchestrationWorkItemAsync(last, TimeSpan.Zero, AbandonReason.Failure, CancellationToken.None);
        var failed = await LockOrchestrationAsync(service);
        Assert.Equal(2, Assert.Single(failed.NewMessages).DequeueCount);
        await service.DeleteAllAsync();
    }

    [Fact]
    public async Task MessageWhosePayloadBlobIsGone_GoesToPoisonQueueInsteadOfFailingForever()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("gone"));
        var big = "\"" + new string('y', 100_000) + "\"";
        await service.SendMessageAsync(TaskMessage.Create("g1", null, new EventRaisedEvent { Name = "e", Input = big, Timestamp = DateTime.UtcNow }), CancellationToken.None);
        Assert.Equal(1, await service.Payloads.DeleteInstanceAsync("g1", CancellationToken.None));

        Assert.Null(await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None));
        Assert.NotNull((await service.ControlPoisonQueue.PeekMessageAsync()).Value);
        Assert.Null((await service.ControlQueue.PeekMessageAsync()).Value);
        await service.DeleteAllAsync();
    }

    [Fact]
    public async Task AfterCommitBeforeSend_Crash_OutboxSweepResendsActivity()
    {
        var hub = AzuriteStorage.UniqueHub("sweep");
        var hook = new CrashAt(FaultPoint.AfterCommitBeforeSend);
        var crashing = await AzuriteStorage.CreateServiceAsync(hub, o => { o.FaultInjection = hook; o.LockTimeout = TimeSpan.FromSeconds(1); });
        await crashing.CreateInstanceAsync(StartMessage("s1"), CancellationToken.None);
        var item = await LockOrchestrationAsync(crashing);
        var activity = ActivityMessage("s1", 0);
        await Assert.ThrowsAsync<InjectedFaultException>(() =>
            crashing.CompleteOrchestrationWorkItemAsync(item, Commit(item, Running(item), [activity.Event], [activity]), CancellationToken.None));
        Assert.Null((await crashing.WorkItemQueue.PeekMessageAsync()).Value);

        var fresh = await AzuriteStorage.CreateServiceAsync(hub, o => o.OutboxResendAfter = TimeSpan.Zero);
        Assert.Equal(1, await fresh.RunMaintenanceAsync());
        var work = await LockActivityAsync(fresh);
        Assert.Equal(activity.MessageId, work.Message.MessageId);

        // The start message comes back after the lock expires; it is already in history, so the engine would drop it.
        var redelivered = await LockOrchestrationAsync(fresh);
        Assert.Contains(redelivered.History, e => e.SourceMessageId == redelivered.NewMessages[0].MessageId);
        await fresh.DeleteAllAsync();
    }

    [Fact]
    public async Task LargePayloads_AreOffloadedToBlobs_AndPurgeRemovesEverything()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("large"));
        var big = "\"" + new string('x', 200_000) + "\"";
        await service.CreateInstanceAsync(StartMessage("l1", big), CancellationToken.None);
        var item = await LockOrchestrationAsync(service);
        Assert.Equal(big, ((ExecutionStartedEvent)item.NewMessages[0].Event).Input);
        var activity = ActivityMessage("l1", 0, big);
        await service.CompleteOrchestrationWorkItemAsync(item, Commit(item, Running(item), [activity.Event], [activity]), CancellationToken.None);

        var work = await LockActivityAsync(service);
        Assert.Equal(big, work.TaskScheduled.Input);
        await service.CompleteActivityWorkItemAsync(work, Completion("l1", 0, big), CancellationToken.None);
        var second = await LockOrchestrationAsync(service);
        Assert.Equal(big, ((TaskCompletedEvent)second.NewMessages[0].Event).Result);
        var done = Running(second, big, OrchestrationRuntimeStatus.Completed) with { CompletedAt = DateTime.UtcNow };
        await service.CompleteOrchestrationWorkItemAsync(second, Commit(second, done), CancellationToken.None);

        var state = await service.GetStateAsync("l1", CancellationToken.None);
        Assert.Equal(big, state!.Output);
        Assert.Equal(big, state.Input);
        Assert.Equal(big, ((TaskCompletedEvent)(await service.GetHistoryAsync("l1", CancellationToken.None))[^1]).Result);
        Assert.True(await service.Payloads.CountInstanceBlobsAsync("l1", CancellationToken.None) > 0);

        Assert.True(await service.PurgeInstanceAsync("l1", CancellationToken.None));
        Assert.Null(await service.GetStateAsync("l1", CancellationToken.None));
        Assert.Equal(0, await service.Payloads.CountInstanceBlobsAsync("l1", CancellationToken.None));
        Assert.Empty(service.Table.Query<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "l1"));
        await service.DeleteAllAsync();
    }

    [Fact]
    public async Task TimerBeyondMaxVisibility_IsChainedAndNeverDeliveredEarly()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("chain"), o => o.MaxVisibilityDelay = TimeSpan.FromSeconds(1));
        var due = DateTime.UtcNow.AddSeconds(3.5);
        await service.SendMessageAsync(TaskMessage.Create("t1", "exec1", new TimerFiredEvent { EventId = 0, TimerId = 0, FireAt = due, Timestamp = DateTime.UtcNow }, due), CancellationToken.None);

        var item = await LockOrchestrationAsync(service, TimeSpan.FromSeconds(15));
        Assert.True(DateTime.UtcNow >= due, "the timer was delivered before it was due");
        Assert.True(service.TimerRequeues >= 2, $"expected the timer to be re-enqueued at least twice, saw {service.TimerRequeues}");
        Assert.IsType<TimerFiredEvent>(item.NewMessages[0].Event);
        await service.DeleteAllAsync();
    }

    [Fact]
    public async Task Query_PagesWithContinuationTokens_AndFilters()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("query"));
        for (var i = 0; i < 7; i++)
        {
            await service.CreateInstanceAsync(StartMessage($"q-{i}"), CancellationToken.None);
        }

        await service.CreateInstanceAsync(StartMessage("other"), CancellationToken.None);
        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await service.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = "q-", PageSize = 3, ContinuationToken = token }, CancellationToken.None);
            ids.AddRange(page.Instances.Select(s => s.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"q-{i}"), ids);
        Assert.True(pages >= 3);
        var running = await service.QueryInstancesAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Running] }, CancellationToken.None);
        Assert.Empty(running.Instances);
        var pending = await service.QueryInstancesAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Pending], PageSize = 100, FetchInputsAndOutputs = true }, CancellationToken.None);
        Assert.Equal(8, pending.Instances.Count);
        Assert.All(pending.Instances, s => Assert.Equal("\"in\"", s.Input));
        await service.DeleteAllAsync();
    }

    /// <summary>Simulates a process crash at one fault point.</summary>
    internal sealed class CrashAt(FaultPoint point) : IFaultInjectionHook
    {
        public void OnFaultPoint(FaultPoint faultPoint, WorkItemKind kind, string instanceId)
        {
            if (faultPoint == point)
            {
                throw new InjectedFaultException(faultPoint, kind, instanceId);
            }
        }
    }
}
