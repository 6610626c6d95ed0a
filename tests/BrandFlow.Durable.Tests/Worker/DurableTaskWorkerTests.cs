using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.InMemory;
using BrandFlow.Durable.Worker;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Durable.Tests.Worker;

public sealed class DurableTaskWorkerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task StartAsync_TwentyChains_AllComplete()
    {
        var backend = new InMemoryOrchestrationService();
        var registry = new DurableTaskRegistry();
        registry.AddActivityFunc<int, int>("Inc", (_, x) => Task.FromResult(x + 1));
        registry.AddOrchestratorFunc<int, int>("Chain", async (ctx, x) =>
        {
            for (int i = 0; i < 5; i++)
            {
                x = await ctx.CallActivityAsync<int>("Inc", x);
            }

            return x;
        });
        var client = new DurableTaskClient(backend, new DurableTaskClientOptions { PollingInterval = TimeSpan.FromMilliseconds(10) });
        await using var worker = new DurableTaskWorker(backend, registry, FastOptions());
        await worker.StartAsync();

        string[] ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.ScheduleNewOrchestrationInstanceAsync("Chain", i * 10)));
        using var cts = new CancellationTokenSource(Patience);
        OrchestrationMetadata[] results = await Task.WhenAll(ids.Select(id => client.WaitForInstanceCompletionAsync(id, true, cts.Token)));

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (i * 10) + 5), results.Select(r => r.ReadOutputAs<int>()));
    }

    [Fact]
    public async Task StartAsync_MaxConcurrentActivitiesTwo_NeverRunsMoreThanTwo()
    {
        var backend = new InMemoryOrchestrationService();
        var registry = new DurableTaskRegistry();
        int current = 0;
        int peak = 0;
        registry.AddActivityFunc<int, int>("Slow", async (_, x) =>
        {
            int now = Interlocked.Increment(ref current);
            InterlockedMax(ref peak, now);
            await Task.Delay(30);
            Interlocked.Decrement(ref current);
            return x;
        });
        registry.AddOrchestratorFunc<int, int>("Fan", async (ctx, n) =>
            (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Slow", i)))).Sum());
        var client = new DurableTaskClient(backend, new DurableTaskClientOptions { PollingInterval = TimeSpan.FromMilliseconds(10) });
        DurableTaskWorkerOptions options = FastOptions();
        options.MaxConcurrentActivities = 2;
        await using var worker = new DurableTaskWorker(backend, registry, options);
        await worker.StartAsync();

        string id = await client.ScheduleNewOrchestrationInstanceAsync("Fan", 8);
        using var cts = new CancellationTokenSource(Patience);
        OrchestrationMetadata result = await client.WaitForInstanceCompletionAsync(id, true, cts.Token);

        Assert.Equal(28, result.ReadOutputAs<int>());
        Assert.Equal(2, Volatile.Read(ref peak));
    }

    [Fact]
    public async Task StopAsync_ActivityOutlivesGracePeriod_AbandonedAndCompletedByNextWorker()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var backend = new InMemoryOrchestrationService(clock);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hanging = new DurableTaskRegistry();
        hanging.AddActivityFunc<int, int>("Work", async (ctx, x) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
            return x;
        });
        hanging.AddOrchestratorFunc<int, int>("Job", (ctx, x) => ctx.CallActivityAsync<int>("Work", x));
        var client = new DurableTaskClient(backend, new DurableTaskClientOptions { TimeProvider = clock, PollingInterval = TimeSpan.FromMilliseconds(10) });
        DurableTaskWorkerOptions options = FastOptions(clock);
        options.ShutdownGracePeriod = TimeSpan.FromMilliseconds(100);
        var first = new DurableTaskWorker(backend, hanging, options);
        await first.StartAsync();
        string id = await client.ScheduleNewOrchestrationInstanceAsync("Job", 9);
        await started.Task.WaitAsync(Patience);

        await first.StopAsync().WaitAsync(Patience);
        await first.DisposeAsync();
        int queuedAfterStop = backend.ActivityQueueLength;

        var healthy = new DurableTaskRegistry();
        healthy.AddActivityFunc<int, int>("Work", (_, x) => Task.FromResult(x * 2));
        healthy.AddOrchestratorFunc<int, int>("Job", (ctx, x) => ctx.CallActivityAsync<int>("Work", x));
        await using var second = new DurableTaskWorker(backend, healthy, FastOptions(clock));
        await second.StartAsync();
        using var cts = new CancellationTokenSource(Patience);
        OrchestrationMetadata result = await client.WaitForInstanceCompletionAsync(id, true, cts.Token);

        Assert.Equal(1, queuedAfterStop);
        Assert.Equal(18, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task StopAsync_ActivityWithinGracePeriod_FinishesAndSendsResult()
    {
        var backend = new InMemoryOrchestrationService();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new DurableTaskRegistry();
        registry.AddActivityFunc<int, int>("Work", async (_, x) =>
        {
            started.TrySetResult();
            await Task.Delay(150);
            return x;
        });
        registry.AddOrchestratorFunc<int, int>("Job", (ctx, x) => ctx.CallActivityAsync<int>("Work", x));
        var client = new DurableTaskClient(backend);
        DurableTaskWorkerOptions options = FastOptions();
        options.ShutdownGracePeriod = TimeSpan.FromSeconds(10);
        var worker = new DurableTaskWorker(backend, registry, options);
        await worker.StartAsync();
        await client.ScheduleNewOrchestrationInstanceAsync("Job", 1);
        await started.Task.WaitAsync(Patience);

        await worker.DisposeAsync();

        Assert.Equal(0, backend.ActivityQueueLength);
        Assert.Equal(1, backend.OrchestrationQueueLength);
    }

    [Fact]
    public async Task StartAsync_Idle_PollingBacksOffExponentially()
    {
        var backend = new InMemoryOrchestrationService();
        DurableTaskWorkerOptions options = FastOptions();
        options.MinPollingInterval = TimeSpan.FromMilliseconds(10);
        options.MaxPollingInterval = TimeSpan.FromMilliseconds(160);
        await using var worker = new DurableTaskWorker(backend, new DurableTaskRegistry(), options);

        await worker.StartAsync();
        await Task.Delay(600);
        await worker.StopAsync();

        // Without back-off two loops polling every 10 ms would poll ~120 times; with it, about 2 × 7.
        Assert.InRange(worker.EmptyPollCount, 2, 30);
    }

    [Fact]
    public async Task StartAsync_CalledTwice_Throws()
    {
        await using var worker = new DurableTaskWorker(new InMemoryOrchestrationService(), new DurableTaskRegistry(), FastOptions());
        await worker.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => worker.StartAsync());
    }

    [Fact]
    public async Task StopAsync_BackendWithLifecycleHook_CalledOnceAfterInFlightWorkEnded()
    {
        var backend = new StopHookBackend(new InMemoryOrchestrationService());
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new DurableTaskRegistry();
        registry.AddActivityFunc<int, int>("Work", async (_, x) =>
        {
            started.TrySetResult();
            await Task.Delay(150);
            return x;
        });
        registry.AddOrchestratorFunc<int, int>("Job", (ctx, x) => ctx.CallActivityAsync<int>("Work", x));
        var client = new DurableTaskClient(backend.Inner);
        DurableTaskWorkerOptions options = FastOptions();
        options.ShutdownGracePeriod = TimeSpan.FromSeconds(10);
        var worker = new DurableTaskWorker(backend, registry, options);
        await worker.StartAsync();
        await client.ScheduleNewOrchestrationInstanceAsync("Job", 1);
        await started.Task.WaitAsync(Patience);

        await worker.StopAsync();
        await worker.DisposeAsync();

        Assert.Equal(1, backend.StopCalls);
        Assert.Equal(0, backend.ActivityQueueLengthAtStop);
    }

    private static DurableTaskWorkerOptions FastOptions(TimeProvider? clock = null) => new()
    {
        TimeProvider = clock ?? TimeProvider.System,
        MinPollingInterval = TimeSpan.FromMilliseconds(5),
        MaxPollingInterval = TimeSpan.FromMilliseconds(20),
        AbandonDelay = TimeSpan.Zero,
    };

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>An in-memory backend with the optional stop hook; records when it was called.</summary>
    private sealed class StopHookBackend(InMemoryOrchestrationService inner) : IOrchestrationService, IOrchestrationServiceLifecycle
    {
        public InMemoryOrchestrationService Inner => inner;

        public int StopCalls { get; private set; }

        public int ActivityQueueLengthAtStop { get; private set; } = -1;

        public int MaxDeliveryCount => inner.MaxDeliveryCount;

        public Task OnWorkerStoppedAsync(CancellationToken cancellationToken)
        {
            StopCalls++;
            ActivityQueueLengthAtStop = inner.ActivityQueueLength;
            return Task.CompletedTask;
        }

        public Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken) =>
            inner.LockNextOrchestrationWorkItemAsync(cancellationToken);

        public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCommit commit, CancellationToken cancellationToken) =>
            inner.CompleteOrchestrationWorkItemAsync(workItem, commit, cancellationToken);

        public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan retryDelay, AbandonReason reason, CancellationToken cancellationToken) =>
            inner.AbandonOrchestrationWorkItemAsync(workItem, retryDelay, reason, cancellationToken);

        public Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken) =>
            inner.LockNextActivityWorkItemAsync(cancellationToken);

        public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage responseMessage, CancellationToken cancellationToken) =>
            inner.CompleteActivityWorkItemAsync(workItem, responseMessage, cancellationToken);

        public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken) =>
            inner.AbandonActivityWorkItemAsync(workItem, retryDelay, cancellationToken);
    }
}
