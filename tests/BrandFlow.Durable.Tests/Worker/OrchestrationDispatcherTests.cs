using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.InMemory;
using BrandFlow.Durable.Tests.TestSupport;
using BrandFlow.Durable.Worker;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Durable.Tests.Worker;

public sealed class OrchestrationDispatcherTests
{
    [Fact]
    public async Task ProcessOrchestrationWorkItemAsync_LockLost_ReleasesMessagesOnceWithReasonAndRetries()
    {
        var clock = new FakeTimeProvider(TestHost.Epoch);
        var inner = new InMemoryOrchestrationService(clock) { LockTimeout = TimeSpan.FromMinutes(1) };
        var backend = new LosingOnceBackend(inner);
        var registry = new DurableTaskRegistry();
        registry.AddOrchestratorFunc<int, int>("Double", (_, x) => Task.FromResult(x * 2));
        var options = new DurableTaskWorkerOptions { TimeProvider = clock };
        var dispatcher = new OrchestrationDispatcher(backend, registry, options);
        var client = new DurableTaskClient(inner, new DurableTaskClientOptions { TimeProvider = clock });
        string id = await client.ScheduleNewOrchestrationInstanceAsync("Double", 21);

        OrchestrationWorkItem lost = (await backend.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;
        await dispatcher.ProcessOrchestrationWorkItemAsync(lost);
        OrchestrationWorkItem? beforeDelay = await backend.LockNextOrchestrationWorkItemAsync(CancellationToken.None);
        clock.Advance(options.AbandonDelay);
        OrchestrationWorkItem retry = (await backend.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;
        await dispatcher.ProcessOrchestrationWorkItemAsync(retry);

        Assert.Equal([AbandonReason.LockLost], backend.Abandons);
        Assert.Null(beforeDelay);
        Assert.Equal(1, retry.NewMessages[0].DequeueCount);
        OrchestrationMetadata result = (await client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(42, result.ReadOutputAs<int>());
        Assert.Equal(0, inner.OrchestrationQueueLength);
    }

    [Fact]
    public async Task ProcessOrchestrationWorkItemAsync_PoisonLimit_IsTheBackends()
    {
        var clock = new FakeTimeProvider(TestHost.Epoch);
        var host = new TestHost(backend: new InMemoryOrchestrationService(clock) { MaxDeliveryCount = 0 }, clock: clock);
        host.Registry.AddOrchestratorFunc<int, int>("Wait", (ctx, _) => ctx.WaitForExternalEvent<int>("go"));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", 0);
        await host.DrainAsync();
        await host.Client.RaiseEventAsync(id, "go", 1);

        // With the backend's limit disabled, no number of failed deliveries makes the message poison.
        for (int i = 0; i < 20; i++)
        {
            OrchestrationWorkItem abandoned = (await host.Backend.LockNextOrchestrationWorkItemAsync(CancellationToken.None))!;
            await host.Backend.AbandonOrchestrationWorkItemAsync(abandoned, TimeSpan.Zero, AbandonReason.Failure, CancellationToken.None);
        }

        await host.DrainAsync();

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(1, result.ReadOutputAs<int>());
    }

    /// <summary>A backend whose first commit loses the race (as if another worker committed first); records abandons.</summary>
    private sealed class LosingOnceBackend(InMemoryOrchestrationService inner) : IOrchestrationService
    {
        private bool lost;

        public List<AbandonReason> Abandons { get; } = [];

        public int MaxDeliveryCount => inner.MaxDeliveryCount;

        public Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken) =>
            inner.LockNextOrchestrationWorkItemAsync(cancellationToken);

        public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCommit commit, CancellationToken cancellationToken)
        {
            if (!lost)
            {
                lost = true;
                throw new WorkItemLockLostException(workItem.InstanceId);
            }

            return inner.CompleteOrchestrationWorkItemAsync(workItem, commit, cancellationToken);
        }

        public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan retryDelay, AbandonReason reason, CancellationToken cancellationToken)
        {
            Abandons.Add(reason);
            return inner.AbandonOrchestrationWorkItemAsync(workItem, retryDelay, reason, cancellationToken);
        }

        public Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken) =>
            inner.LockNextActivityWorkItemAsync(cancellationToken);

        public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage responseMessage, CancellationToken cancellationToken) =>
            inner.CompleteActivityWorkItemAsync(workItem, responseMessage, cancellationToken);

        public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken) =>
            inner.AbandonActivityWorkItemAsync(workItem, retryDelay, cancellationToken);
    }
}
