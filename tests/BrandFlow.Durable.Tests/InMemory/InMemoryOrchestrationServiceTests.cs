using BrandFlow.Durable.Backend;
using BrandFlow.Durable.InMemory;
using BrandFlow.Durable.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Durable.Tests.InMemory;

public sealed class InMemoryOrchestrationServiceTests
{
    private readonly FakeTimeProvider clock = new(TestHost.Epoch);

    [Fact]
    public async Task LockNextOrchestrationWorkItemAsync_InstanceLocked_NotHandedOutAgainUntilLockExpires()
    {
        InMemoryOrchestrationService service = CreateService();
        await service.SendMessageAsync(Event("i1", "a"), CancellationToken.None);
        OrchestrationWorkItem first = (await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;
        await service.SendMessageAsync(Event("i1", "b"), CancellationToken.None);

        OrchestrationWorkItem? whileLocked = await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None);
        clock.Advance(service.LockTimeout);
        OrchestrationWorkItem? afterExpiry = await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None);

        Assert.Single(first.NewMessages);
        Assert.Null(whileLocked);
        Assert.NotNull(afterExpiry);
        Assert.Equal(2, afterExpiry.NewMessages.Count);
        Assert.Equal(2, afterExpiry.NewMessages[0].DequeueCount);
        Assert.Equal(1, afterExpiry.NewMessages[1].DequeueCount);
    }

    [Fact]
    public async Task CompleteOrchestrationWorkItemAsync_LockTakenOverAfterExpiry_ThrowsWorkItemLockLost()
    {
        InMemoryOrchestrationService service = CreateService();
        await service.SendMessageAsync(Event("i1", "a"), CancellationToken.None);
        OrchestrationWorkItem stale = (await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;
        clock.Advance(service.LockTimeout);
        OrchestrationWorkItem current = (await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;

        await Assert.ThrowsAsync<WorkItemLockLostException>(
            () => service.CompleteOrchestrationWorkItemAsync(stale, EmptyCommit(stale), CancellationToken.None));
        await service.CompleteOrchestrationWorkItemAsync(current, EmptyCommit(current), CancellationToken.None);

        Assert.Equal(0, service.OrchestrationQueueLength);
    }

    [Fact]
    public async Task AbandonOrchestrationWorkItemAsync_WithDelay_MessagesReturnAfterDelay()
    {
        InMemoryOrchestrationService service = CreateService();
        await service.SendMessageAsync(Event("i1", "a"), CancellationToken.None);
        OrchestrationWorkItem item = (await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;

        await service.AbandonOrchestrationWorkItemAsync(item, TimeSpan.FromSeconds(30), AbandonReason.Failure, CancellationToken.None);
        OrchestrationWorkItem? early = await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(30));
        OrchestrationWorkItem? due = await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None);

        Assert.Null(early);
        Assert.NotNull(due);
    }

    [Theory]
    [InlineData(AbandonReason.Failure, 4)]
    [InlineData(AbandonReason.Deferred, 1)]
    [InlineData(AbandonReason.LockLost, 1)]
    public async Task AbandonOrchestrationWorkItemAsync_OnlyFailureCountsTowardPoison(AbandonReason reason, int expectedDequeueCount)
    {
        InMemoryOrchestrationService service = CreateService();
        await service.SendMessageAsync(Event("i1", "a"), CancellationToken.None);

        for (int i = 0; i < 3; i++)
        {
            OrchestrationWorkItem item = (await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;
            await service.AbandonOrchestrationWorkItemAsync(item, TimeSpan.Zero, reason, CancellationToken.None);
        }

        OrchestrationWorkItem last = (await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;
        Assert.Equal(expectedDequeueCount, last.NewMessages[0].DequeueCount);
    }

    [Fact]
    public async Task AbandonOrchestrationWorkItemAsync_SecondRelease_DoesNothing()
    {
        InMemoryOrchestrationService service = CreateService();
        await service.SendMessageAsync(Event("i1", "a"), CancellationToken.None);
        OrchestrationWorkItem first = (await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;
        await service.AbandonOrchestrationWorkItemAsync(first, TimeSpan.Zero, AbandonReason.LockLost, CancellationToken.None);
        OrchestrationWorkItem second = (await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;

        // A late second release of the first work item neither unlocks the second one nor changes its messages.
        await service.AbandonOrchestrationWorkItemAsync(first, TimeSpan.Zero, AbandonReason.LockLost, CancellationToken.None);
        OrchestrationWorkItem? whileLocked = await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None);
        await service.CompleteOrchestrationWorkItemAsync(second, EmptyCommit(second), CancellationToken.None);

        Assert.Null(whileLocked);
        Assert.Equal(1, second.NewMessages[0].DequeueCount);
        Assert.Equal(0, service.OrchestrationQueueLength);
    }

    [Fact]
    public async Task SendMessageAsync_DeliverAtInFuture_InvisibleUntilDue()
    {
        InMemoryOrchestrationService service = CreateService();
        DateTime due = TestHost.Epoch.UtcDateTime.AddDays(45);
        await service.SendMessageAsync(TaskMessage.Create("i1", null, new TimerFiredEvent { TimerId = 0, FireAt = due }, due), CancellationToken.None);

        OrchestrationWorkItem? before = await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(45));
        OrchestrationWorkItem? after = await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None);

        Assert.Null(before);
        Assert.NotNull(after);
    }

    [Fact]
    public async Task AbandonActivityWorkItemAsync_Released_RedeliveredWithHigherDequeueCount()
    {
        InMemoryOrchestrationService service = CreateService();
        var scheduled = new TaskScheduledEvent { EventId = 3, Name = "Pay" };
        await service.SendMessageAsync(TaskMessage.Create("i1", "e1", scheduled), CancellationToken.None);
        ActivityWorkItem first = (await service.LockNextActivityWorkItemAsync(CancellationToken.None))!;

        ActivityWorkItem? whileLocked = await service.LockNextActivityWorkItemAsync(CancellationToken.None);
        await service.AbandonActivityWorkItemAsync(first, TimeSpan.Zero, CancellationToken.None);
        ActivityWorkItem? again = await service.LockNextActivityWorkItemAsync(CancellationToken.None);

        Assert.Null(whileLocked);
        Assert.Equal(2, again!.Message.DequeueCount);
        Assert.Equal("i1|e1|3", again.DedupeKey);
    }

    [Fact]
    public async Task CreateInstanceAsync_NonStartMessage_Throws()
    {
        InMemoryOrchestrationService service = CreateService();

        await Assert.ThrowsAsync<ArgumentException>(() => service.CreateInstanceAsync(Event("i1", "a"), CancellationToken.None));
    }

    [Fact]
    public async Task PurgeInstanceAsync_FinishedInstance_RemovesQueuedMessagesToo()
    {
        var host = new TestHost(clock: clock);
        host.Registry.AddOrchestratorFunc<int, int>("Quick", (_, x) => Task.FromResult(x));
        await host.RunAsync("Quick", 1, "p1");
        await host.Client.RaiseEventAsync("p1", "late", 1);

        bool purged = await host.Backend.PurgeInstanceAsync("p1", CancellationToken.None);

        Assert.True(purged);
        Assert.Equal(0, host.Backend.OrchestrationQueueLength);
        Assert.Null(await host.Backend.GetStateAsync("p1", CancellationToken.None));
        Assert.Empty(await host.Backend.GetHistoryAsync("p1", CancellationToken.None));
    }

    private static TaskMessage Event(string instanceId, string name) =>
        TaskMessage.Create(instanceId, null, new EventRaisedEvent { Name = name });

    private static OrchestrationCommit EmptyCommit(OrchestrationWorkItem item) => new()
    {
        InstanceId = item.InstanceId,
        ExecutionId = string.Empty,
        NewEvents = [],
        ConsumedMessageIds = item.NewMessages.Select(m => m.MessageId).ToList(),
    };

    private InMemoryOrchestrationService CreateService() => new(clock) { LockTimeout = TimeSpan.FromMinutes(2) };
}
