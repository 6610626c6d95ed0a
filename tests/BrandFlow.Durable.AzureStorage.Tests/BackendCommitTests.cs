using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using BrandFlow.Durable.AzureStorage.Storage;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using static BrandFlow.Durable.AzureStorage.Tests.BackendTestData;

namespace BrandFlow.Durable.AzureStorage.Tests;

public sealed class BackendCommitTests
{
    [Fact]
    public async Task CreateLockComplete_PersistsHistoryAndSendsBase64Activity()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("commit"));
        await service.CreateInstanceAsync(StartMessage("i1"), CancellationToken.None);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await service.GetStateAsync("i1", CancellationToken.None))!.RuntimeStatus);

        var item = await LockOrchestrationAsync(service);
        Assert.Equal("i1", item.InstanceId);
        Assert.Empty(item.History);
        var activity = ActivityMessage("i1", 0, "\"x\"");
        var scheduled = activity.Event;
        await service.CompleteOrchestrationWorkItemAsync(item, Commit(item, Running(item), [scheduled], [activity]), CancellationToken.None);

        // The raw queue text is Base64 of JSON, as an Azure Functions queue trigger expects.
        var raw = new QueueClient(AzuriteStorage.ConnectionString, service.Options.WorkItemQueueName);
        var peeked = (await raw.PeekMessageAsync()).Value;
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(peeked.Body.ToString()));
        Assert.Contains(activity.MessageId, json, StringComparison.Ordinal);

        var work = await LockActivityAsync(service);
        Assert.Equal("Work", work.TaskScheduled.Name);
        await service.CompleteActivityWorkItemAsync(work, Completion("i1", 0, "\"done\""), CancellationToken.None);

        var second = await LockOrchestrationAsync(service);
        Assert.Equal(2, second.History.Count);
        var done = Running(second, "\"out\"", OrchestrationRuntimeStatus.Completed) with { CompletedAt = DateTime.UtcNow };
        await service.CompleteOrchestrationWorkItemAsync(second, Commit(second, done), CancellationToken.None);

        var history = await service.GetHistoryAsync("i1", CancellationToken.None);
        Assert.Equal(["ExecutionStarted", "TaskScheduled", "TaskCompleted"], history.Select(e => e.Kind));
        var state = await service.GetStateAsync("i1", CancellationToken.None);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state!.RuntimeStatus);
        Assert.Equal("\"out\"", state.Output);
        await service.DeleteAllAsync();
    }

    [Fact]
    public async Task Complete_StaleSnapshot_ThrowsLockLostAndMessageComesBack()
    {
        var hub = AzuriteStorage.UniqueHub("race");
        var first = await AzuriteStorage.CreateServiceAsync(hub);
        var second = await AzuriteStorage.CreateServiceAsync(hub);
        await first.CreateInstanceAsync(StartMessage("r1"), CancellationToken.None);
        var item = await LockOrchestrationAsync(first);

        // Another process commits a change to the same instance in between.
        var snapshot = await new InstanceStore(second.Table, second.Payloads).LoadAsync("r1", CancellationToken.None);
        await new InstanceStore(second.Table, second.Payloads).CommitAsync(snapshot, new CommitPlan
        {
            ExecutionId = "exec1",
            State = snapshot.State! with { CustomStatus = "\"other\"" },
        }, CancellationToken.None);

        await Assert.ThrowsAsync<WorkItemLockLostException>(() =>
            first.CompleteOrchestrationWorkItemAsync(item, Commit(item, Running(item)), CancellationToken.None));

        // The lost race released nothing by itself: the caller releases, and a second release is harmless.
        var raw = new QueueClient(AzuriteStorage.ConnectionString, first.Options.ControlQueueName);
        Assert.Empty((await raw.PeekMessagesAsync(32)).Value);
        await first.AbandonOrchestrationWorkItemAsync(item, TimeSpan.Zero, AbandonReason.LockLost, CancellationToken.None);
        await first.AbandonOrchestrationWorkItemAsync(item, TimeSpan.Zero, AbandonReason.LockLost, CancellationToken.None);
        Assert.Single((await raw.PeekMessagesAsync(32)).Value);

        var retry = await LockOrchestrationAsync(first);
        Assert.Equal("\"other\"", retry.State!.CustomStatus);
        Assert.Equal(1, retry.NewMessages[0].DequeueCount);
        await first.CompleteOrchestrationWorkItemAsync(retry, Commit(retry, Running(retry)), CancellationToken.None);
        Assert.Single(await first.GetHistoryAsync("r1", CancellationToken.None));
        await first.DeleteAllAsync();
    }

    [Fact]
    public async Task Dispatcher_LostRace_ReleasesMessagesExactlyOnce_WithoutCountingTowardPoison()
    {
        var hub = AzuriteStorage.UniqueHub("racedisp");
        var first = await AzuriteStorage.CreateServiceAsync(hub);
        var second = await AzuriteStorage.CreateServiceAsync(hub);
        await first.CreateInstanceAsync(StartMessage("d1"), CancellationToken.None);
        var item = await LockOrchestrationAsync(first);

        // Another process commits the instance between the lock and the dispatcher's commit.
        var store = new InstanceStore(second.Table, second.Payloads);
        var snapshot = await store.LoadAsync("d1", CancellationToken.None);
        await store.CommitAsync(snapshot, new CommitPlan { ExecutionId = "exec1", State = snapshot.State! with { CustomStatus = "\"other\"" } }, CancellationToken.None);

        var registry = new DurableTaskRegistry();
        registry.AddOrchestratorFunc<string, string>("Chain", (_, s) => Task.FromResult(s));
        var options = new Worker.DurableTaskWorkerOptions { AbandonDelay = TimeSpan.Zero };
        await new Worker.OrchestrationDispatcher(first, registry, options).ProcessOrchestrationWorkItemAsync(item);

        var raw = new QueueClient(AzuriteStorage.ConnectionString, first.Options.ControlQueueName);
        var visible = (await raw.PeekMessagesAsync(32)).Value;
        Assert.Single(visible);
        var retry = await LockOrchestrationAsync(first);
        Assert.Equal(item.NewMessages[0].MessageId, Assert.Single(retry.NewMessages).MessageId);
        Assert.Equal(1, retry.NewMessages[0].DequeueCount);
        await first.DeleteAllAsync();
    }

    [Fact]
    public async Task Commit_ManyEventsAndMessages_SpansBatchesAndReadsBack()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("batch"));
        await service.CreateInstanceAsync(StartMessage("b1"), CancellationToken.None);
        var item = await LockOrchestrationAsync(service);
        var activities = Enumerable.Range(0, 1000).Select(i => ActivityMessage("b1", i, $"{i}")).ToList();
        var before = service.Clients.Counter.Snapshot();
        await service.CompleteOrchestrationWorkItemAsync(item, Commit(item, Running(item), activities.Select(a => a.Event).ToList(), activities), CancellationToken.None);
        var used = service.Clients.Counter.Snapshot() - before;

        var history = await service.GetHistoryAsync("b1", CancellationToken.None);
        Assert.Equal(1001, history.Count);
        Assert.Equal(Enumerable.Range(0, 1000), history.Skip(1).Select(e => e.EventId));
        Assert.InRange(used.Tables, 11, 12);
        Assert.Equal(1000, used.Queues - 1);
        await service.DeleteAllAsync();
    }

    [Fact]
    public async Task Load_IgnoresRowsBeyondCommittedCount_AndNextCommitOverwritesThem()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("orphan"));
        await service.CreateInstanceAsync(StartMessage("o1"), CancellationToken.None);
        var item = await LockOrchestrationAsync(service);
        await service.CompleteOrchestrationWorkItemAsync(item, Commit(item, Running(item)), CancellationToken.None);

        // A crashed multi-batch commit left a history row past the committed count.
        var orphan = new Azure.Data.Tables.TableEntity("o1", "H-exec1-0000001") { ["Event"] = "{\"$type\":\"OrchestratorStarted\",\"Timestamp\":\"2020-01-01T00:00:00Z\"}" };
        await service.Table.AddEntityAsync(orphan);
        Assert.Single(await service.GetHistoryAsync("o1", CancellationToken.None));

        await service.SendMessageAsync(TaskMessage.Create("o1", null, new EventRaisedEvent { Name = "go", Input = "1", Timestamp = DateTime.UtcNow }), CancellationToken.None);
        var next = await LockOrchestrationAsync(service);
        await service.CompleteOrchestrationWorkItemAsync(next, Commit(next, Running(next)), CancellationToken.None);
        var history = await service.GetHistoryAsync("o1", CancellationToken.None);
        Assert.Equal(["ExecutionStarted", "EventRaised"], history.Select(e => e.Kind));
        await service.DeleteAllAsync();
    }

    [Fact]
    public async Task CreateInstance_WhileRunning_Throws()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("dupe"));
        await service.CreateInstanceAsync(StartMessage("d1"), CancellationToken.None);
        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() => service.CreateInstanceAsync(StartMessage("d1"), CancellationToken.None));
        await service.DeleteAllAsync();
    }

    [Fact]
    public async Task ReleasePrefetchedMessages_MakesBufferedMessagesVisibleToAnotherProcess()
    {
        var hub = AzuriteStorage.UniqueHub("prefetch");
        var first = await AzuriteStorage.CreateServiceAsync(hub);
        var second = await AzuriteStorage.CreateServiceAsync(hub);
        await first.SendMessageAsync(ActivityMessage("x1", 0), CancellationToken.None);
        await first.SendMessageAsync(ActivityMessage("x1", 1), CancellationToken.None);
        var taken = await LockActivityAsync(first);

        // The second message was received with the first one and waits in memory, invisible to others.
        Assert.Null(await second.LockNextActivityWorkItemAsync(CancellationToken.None));
        Assert.Equal(1, await first.ReleasePrefetchedMessagesAsync());
        var other = await LockActivityAsync(second);
        Assert.NotEqual(taken.Message.MessageId, other.Message.MessageId);
        await first.DeleteAllAsync();
    }

    [Fact]
    public async Task WorkerStop_ReleasesPrefetchedMessagesThroughTheLifecycleHook()
    {
        var hub = AzuriteStorage.UniqueHub("stophook");
        var first = await AzuriteStorage.CreateServiceAsync(hub);
        var second = await AzuriteStorage.CreateServiceAsync(hub);
        await first.SendMessageAsync(ActivityMessage("h1", 0, "1"), CancellationToken.None);
        await first.SendMessageAsync(ActivityMessage("h1", 1, "2"), CancellationToken.None);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var finish = new SemaphoreSlim(0);
        var registry = new DurableTaskRegistry();
        registry.AddActivityFunc<int, int>("Work", async (_, x) =>
        {
            started.TrySetResult();
            await finish.WaitAsync();
            return x;
        });
        var options = new Worker.DurableTaskWorkerOptions
        {
            MaxConcurrentActivities = 1,
            MinPollingInterval = TimeSpan.FromMilliseconds(10),
            MaxPollingInterval = TimeSpan.FromMilliseconds(100),
        };
        var worker = new Worker.DurableTaskWorker(first, registry, options);
        await worker.StartAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));

        // The one activity slot is busy, so the other message waits in memory, invisible to other processes.
        Assert.Null(await second.LockNextActivityWorkItemAsync(CancellationToken.None));
        var stopping = worker.StopAsync();
        await Task.Delay(200);
        finish.Release();
        await stopping;

        // Without the hook it would come back only after the 5-minute lock timeout.
        var other = await LockActivityAsync(second, TimeSpan.FromSeconds(10));
        Assert.Equal("2", other.TaskScheduled.Input);
        await worker.DisposeAsync();
        await first.DeleteAllAsync();
    }

    [Fact]
    public async Task PrefetchedMessage_HeldPastMostOfItsLock_IsLeftToRedelivery()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("stale"), o => o.LockTimeout = TimeSpan.FromSeconds(1));
        await service.SendMessageAsync(ActivityMessage("s1", 0), CancellationToken.None);
        await service.SendMessageAsync(ActivityMessage("s1", 1), CancellationToken.None);
        var first = await LockActivityAsync(service);
        await service.CompleteActivityWorkItemAsync(first, Completion("s1", first.TaskScheduled.EventId), CancellationToken.None);
        await Task.Delay(1500);

        // The prefetched copy is stale; what comes back is the queue's redelivery, with a new receipt.
        var second = await LockActivityAsync(service);
        Assert.Equal(2, second.Message.DequeueCount);
        Assert.NotEqual(first.Message.MessageId, second.Message.MessageId);
        await service.DeleteAllAsync();
    }

    [Fact]
    public async Task Message_RoundTripsThroughJson()
    {
        var message = Completion("x", 3, "{\"a\":1}");
        var back = MessageCodec.Deserialize(MessageCodec.Serialize(message));
        Assert.Equal(message.MessageId, back.MessageId);
        Assert.Equal(3, Assert.IsType<TaskCompletedEvent>(back.Event).TaskScheduledId);
        Assert.Contains("\"$type\":\"TaskCompleted\"", JsonSerializer.Serialize<HistoryEvent>(back.Event), StringComparison.Ordinal);
    }
}
