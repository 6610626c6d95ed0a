using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.InMemory;
using BrandFlow.Durable.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Durable.Tests.Client;

public sealed class DurableTaskClientTests
{
    private static TestHost CreateHost()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<string, string>("Echo", (_, s) => Task.FromResult(s));
        host.Registry.AddOrchestratorFunc<int, int>("AwaitGo", (ctx, _) => ctx.WaitForExternalEvent<int>("Go"));
        return host;
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdRunning_ThrowsInstanceAlreadyExists()
    {
        TestHost host = CreateHost();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", 0, new StartOrchestrationOptions("dup"));
        await host.DrainAsync();

        var ex = await Assert.ThrowsAsync<InstanceAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", 0, new StartOrchestrationOptions("dup")));

        Assert.Equal(OrchestrationRuntimeStatus.Running, ex.Status);
        Assert.Contains("'dup'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdPending_ThrowsInstanceAlreadyExists()
    {
        TestHost host = CreateHost();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "a", new StartOrchestrationOptions("dup"));

        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "b", new StartOrchestrationOptions("dup")));
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdCompleted_ReplacesInstance()
    {
        TestHost host = CreateHost();
        OrchestrationMetadata first = await host.RunAsync("Echo", "first", "again");

        OrchestrationMetadata second = await host.RunAsync("Echo", "second", "again");

        Assert.Equal("first", first.ReadOutputAs<string>());
        Assert.Equal("second", second.ReadOutputAs<string>());
        Assert.NotEqual(first.ExecutionId, second.ExecutionId);
        Assert.Single((await host.Client.GetHistoryAsync("again")).OfType<ExecutionStartedEvent>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAtInFuture_StaysPendingUntilDue()
    {
        TestHost host = CreateHost();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "later", new StartOrchestrationOptions(StartAt: TestHost.Epoch.AddHours(2)));
        await host.DrainAsync();
        OrchestrationRuntimeStatus before = (await host.Client.GetInstanceAsync(id))!.RuntimeStatus;

        await host.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(OrchestrationRuntimeStatus.Pending, before);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task RaiseEventAsync_BeforeDelayedStart_WaitsForStartAndIsDelivered()
    {
        TestHost host = CreateHost();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", 0, new StartOrchestrationOptions(StartAt: TestHost.Epoch.AddDays(3)));
        await host.Client.RaiseEventAsync(id, "Go", 8);

        for (int i = 0; i < 7; i++)
        {
            await host.AdvanceAsync(TimeSpan.FromHours(11));
        }

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(8, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task RaiseEventAsync_BeforeDelayedStart_DeferralDoesNotCountTowardPoison()
    {
        var clock = new FakeTimeProvider(TestHost.Epoch);
        var host = new TestHost(backend: new InMemoryOrchestrationService(clock) { LockTimeout = TimeSpan.FromMinutes(1), MaxDeliveryCount = 1 }, clock: clock);
        host.Registry.AddOrchestratorFunc<int, int>("AwaitGo", (ctx, _) => ctx.WaitForExternalEvent<int>("Go"));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", 0, new StartOrchestrationOptions(StartAt: TestHost.Epoch.AddHours(1)));
        await host.Client.RaiseEventAsync(id, "Go", 5);
        await host.DrainAsync();
        OrchestrationRuntimeStatus before = (await host.Client.GetInstanceAsync(id))!.RuntimeStatus;

        // The event was handed out (and deferred) once before the start; with a limit of one delivery it would be
        // poison now if the deferral counted.
        await host.AdvanceAsync(TimeSpan.FromHours(1));

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Pending, before);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(5, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_WithoutId_GeneratesUniqueIds()
    {
        TestHost host = CreateHost();

        string a = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "x");
        string b = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "x");

        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_Versions_RegisteredOrRequestedVersionRecorded()
    {
        var host = new TestHost();
        host.Registry.AddOrchestrator(new TaskName("Versioned", "2"), () => new EchoOrchestrator());

        OrchestrationMetadata registered = await host.RunAsync("Versioned", "a");
        string requested = await host.Client.ScheduleNewOrchestrationInstanceAsync("Versioned", "b", new StartOrchestrationOptions { Version = "1" });
        await host.DrainAsync();

        Assert.Equal("2", registered.Version);
        Assert.Equal("1", (await host.Client.GetInstanceAsync(requested))!.Version);
    }

    [Fact]
    public async Task GetInstanceAsync_WithAndWithoutPayloads_ReturnsMetadata()
    {
        TestHost host = CreateHost();
        OrchestrationMetadata full = await host.RunAsync("Echo", "payload", "meta");

        OrchestrationMetadata bare = (await host.Client.GetInstanceAsync("meta"))!;
        OrchestrationMetadata? missing = await host.Client.GetInstanceAsync("nope");

        Assert.Equal("\"payload\"", full.SerializedInput);
        Assert.Equal("payload", full.ReadOutputAs<string>());
        Assert.Null(bare.SerializedInput);
        Assert.Null(bare.SerializedOutput);
        Assert.Equal("Echo", bare.Name);
        Assert.True(bare.IsCompleted);
        Assert.Equal(TestHost.Epoch, bare.CreatedAt);
        Assert.Null(missing);
    }

    [Fact]
    public async Task GetHistoryAsync_CompletedInstance_StartsWithOrchestratorAndExecutionStarted()
    {
        TestHost host = CreateHost();
        await host.RunAsync("Echo", "h", "hist");

        IReadOnlyList<HistoryEvent> history = await host.Client.GetHistoryAsync("hist");

        Assert.IsType<OrchestratorStartedEvent>(history[0]);
        Assert.IsType<ExecutionStartedEvent>(history[1]);
        Assert.IsType<ExecutionCompletedEvent>(history[^2]);
        Assert.IsType<OrchestratorCompletedEvent>(history[^1]);
        Assert.Empty(await host.Client.GetHistoryAsync("unknown"));
    }

    [Fact]
    public async Task TerminateInstanceAsync_RunningInstance_TerminatedWithReasonAsOutput()
    {
        TestHost host = CreateHost();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", 0);
        await host.DrainAsync();

        await host.Client.TerminateInstanceAsync(id, "withdrawn by applicant");
        await host.DrainAsync();
        await host.Client.RaiseEventAsync(id, "Go", 1);
        await host.DrainAsync();

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("withdrawn by applicant", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_PendingInstance_NeverStarts()
    {
        TestHost host = CreateHost();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions(StartAt: TestHost.Epoch.AddHours(1)));

        await host.Client.TerminateInstanceAsync(id, "cancelled");
        await host.DrainAsync();
        await host.AdvanceAsync(TimeSpan.FromHours(2));

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Empty(await host.Client.GetHistoryAsync(id));
    }

    [Fact]
    public async Task SuspendInstanceAsync_ThenResume_EventsWaitUntilResumed()
    {
        TestHost host = CreateHost();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", 0);
        await host.DrainAsync();

        await host.Client.SuspendInstanceAsync(id, "audit");
        await host.DrainAsync();
        await host.Client.RaiseEventAsync(id, "Go", 5);
        await host.DrainAsync();
        OrchestrationRuntimeStatus whileSuspended = (await host.Client.GetInstanceAsync(id))!.RuntimeStatus;
        await host.Client.ResumeInstanceAsync(id, "audit passed");
        await host.DrainAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended);
        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(5, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_SuspendedInstance_Terminated()
    {
        TestHost host = CreateHost();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", 0);
        await host.DrainAsync();
        await host.Client.SuspendInstanceAsync(id);
        await host.DrainAsync();

        await host.Client.TerminateInstanceAsync(id, "stop");
        await host.DrainAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task PurgeInstanceAsync_CompletedAndRunning_RemovesOnlyCompleted()
    {
        TestHost host = CreateHost();
        await host.RunAsync("Echo", "x", "done");
        await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", 0, new StartOrchestrationOptions("live"));
        await host.DrainAsync();

        PurgeResult done = await host.Client.PurgeInstanceAsync("done");
        PurgeResult live = await host.Client.PurgeInstanceAsync("live");

        Assert.Equal(1, done.PurgedInstanceCount);
        Assert.Equal(0, live.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync("done"));
        Assert.Empty(await host.Client.GetHistoryAsync("done"));
        Assert.NotNull(await host.Client.GetInstanceAsync("live"));
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_FilterByCreatedAndStatus_RemovesMatchesOnly()
    {
        TestHost host = CreateHost();
        host.Registry.AddOrchestratorFunc<int, int>("Fail", (_, _) => throw new InvalidOperationException("x"));
        await host.RunAsync("Echo", "old", "old-done");
        await host.AdvanceAsync(TimeSpan.FromDays(10));
        await host.RunAsync("Echo", "new", "new-done");
        await host.RunAsync("Fail", 0, "new-failed");

        PurgeResult oldOnes = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedTo: TestHost.Epoch.AddDays(1)));
        PurgeResult failedOnes = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Failed]));

        Assert.Equal(1, oldOnes.PurgedInstanceCount);
        Assert.Equal(1, failedOnes.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync("old-done"));
        Assert.Null(await host.Client.GetInstanceAsync("new-failed"));
        Assert.NotNull(await host.Client.GetInstanceAsync("new-done"));
    }

    [Fact]
    public async Task QueryInstancesAsync_PagesOfTen_ReturnsAllWithContinuation()
    {
        TestHost host = CreateHost();
        for (int i = 0; i < 25; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions($"app-{i:D2}"));
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", "x", new StartOrchestrationOptions("other-1"));
        await host.DrainAsync();

        var query = new OrchestrationQuery { InstanceIdPrefix = "app-", PageSize = 10 };
        Page<OrchestrationMetadata> first = await host.Client.QueryInstancesAsync(query);
        Page<OrchestrationMetadata> second = await host.Client.QueryInstancesAsync(query with { ContinuationToken = first.ContinuationToken });
        Page<OrchestrationMetadata> third = await host.Client.QueryInstancesAsync(query with { ContinuationToken = second.ContinuationToken });

        Assert.Equal([10, 10, 5], [first.Values.Count, second.Values.Count, third.Values.Count]);
        Assert.Null(third.ContinuationToken);
        string[] ids = first.Values.Concat(second.Values).Concat(third.Values).Select(m => m.InstanceId).ToArray();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"app-{i:D2}"), ids);
    }

    [Fact]
    public async Task GetAllInstancesAsync_StatusAndCreatedFilters_EnumeratesAcrossPages()
    {
        TestHost host = CreateHost();
        for (int i = 0; i < 7; i++)
        {
            await host.RunAsync("Echo", "x", $"done-{i}");
        }

        await host.AdvanceAsync(TimeSpan.FromDays(1));
        for (int i = 0; i < 3; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", 0, new StartOrchestrationOptions($"live-{i}"));
        }

        await host.DrainAsync();

        var completed = new List<string>();
        await foreach (OrchestrationMetadata m in host.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 2 }))
        {
            completed.Add(m.InstanceId);
        }

        int pages = 0;
        await foreach (Page<OrchestrationMetadata> page in host.Client.GetAllInstancesAsync(new OrchestrationQuery { CreatedFrom = TestHost.Epoch.AddHours(12) }).AsPages(pageSizeHint: 2))
        {
            pages++;
            Assert.All(page.Values, m => Assert.StartsWith("live-", m.InstanceId, StringComparison.Ordinal));
        }

        Assert.Equal(7, completed.Count);
        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_WithBackgroundProcessing_ReturnsFinalState()
    {
        TestHost host = CreateHost();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitGo", 0);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        OrchestrationMetadata started = await WaitWhileDrainingAsync(host, () => host.Client.WaitForInstanceStartAsync(id, cancellation: cts.Token));
        await host.Client.RaiseEventAsync(id, "Go", 3);
        OrchestrationMetadata completed = await WaitWhileDrainingAsync(host, () => host.Client.WaitForInstanceCompletionAsync(id, true, cts.Token));

        Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);
        Assert.Equal(3, completed.ReadOutputAs<int>());
    }

    private static async Task<T> WaitWhileDrainingAsync<T>(TestHost host, Func<Task<T>> startWait)
    {
        Task<T> wait = startWait();
        while (!wait.IsCompleted)
        {
            await host.DrainAsync();
            await Task.Delay(5);
        }

        return await wait;
    }

    private sealed class EchoOrchestrator : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(input);
    }
}
