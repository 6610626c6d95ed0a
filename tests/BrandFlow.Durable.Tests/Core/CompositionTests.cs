using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.Tests.TestSupport;

namespace BrandFlow.Durable.Tests.Core;

public sealed class CompositionTests
{
    [Fact]
    public async Task CallSubOrchestratorAsync_WithInstanceId_ReturnsChildOutputAndRecordsParent()
    {
        var host = new TestHost();
        host.Registry.AddActivityFunc<int, int>("Double", (_, x) => Task.FromResult(x * 2));
        host.Registry.AddOrchestratorFunc<int, int>("Child", (ctx, x) => ctx.CallActivityAsync<int>("Double", x));
        host.Registry.AddOrchestratorFunc<int, int>("Parent", async (ctx, x) =>
        {
            int a = await ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions(instanceId: ctx.InstanceId + "-child"));
            return a + 1;
        });

        OrchestrationMetadata parent = await host.RunAsync("Parent", 20, "app-7");

        Assert.Equal(41, parent.ReadOutputAs<int>());
        OrchestrationMetadata child = (await host.Client.GetInstanceAsync("app-7-child", true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal(40, child.ReadOutputAs<int>());
        OrchestrationState? state = await host.Backend.GetStateAsync("app-7-child", CancellationToken.None);
        Assert.Equal("app-7", state!.ParentInstanceId);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildFails_ParentSeesFailureDetailsAndFails()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Child", (_, _) => throw new InvalidOperationException("budget exhausted"));
        host.Registry.AddOrchestratorFunc<int, int>("Parent", (ctx, x) => ctx.CallSubOrchestratorAsync<int>("Child", x));

        OrchestrationMetadata parent = await host.RunAsync("Parent", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, parent.RuntimeStatus);
        TaskFailureDetails childFailure = parent.FailureDetails!.InnerFailure!;
        Assert.Equal(typeof(InvalidOperationException).FullName, childFailure.ErrorType);
        Assert.Equal("budget exhausted", childFailure.ErrorMessage);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildFails_ParentCanCatch()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Child", (_, _) => throw new InvalidOperationException("rejected"));
        host.Registry.AddOrchestratorFunc<int, string>("Parent", async (ctx, x) =>
        {
            try
            {
                await ctx.CallSubOrchestratorAsync<int>("Child", x);
                return "ok";
            }
            catch (TaskFailedException ex)
            {
                return "caught: " + ex.FailureDetails.ErrorMessage;
            }
        });

        OrchestrationMetadata parent = await host.RunAsync("Parent", 1);

        Assert.Equal("caught: rejected", parent.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildIdAlreadyRunning_ParentGetsFailure()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Child", (ctx, _) => ctx.WaitForExternalEvent<int>("never"));
        host.Registry.AddOrchestratorFunc<int, int>("Parent", (ctx, x) => ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions(instanceId: "busy")));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Child", 0, new StartOrchestrationOptions("busy"));
        await host.DrainAsync();

        OrchestrationMetadata parent = await host.RunAsync("Parent", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, parent.RuntimeStatus);
        Assert.Contains("already running", parent.FailureDetails!.InnerFailure!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinueAsNew_ThreeRounds_CompletesWithFinalInputAndFreshHistory()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
        {
            await ctx.CreateTimer(TimeSpan.FromDays(1), CancellationToken.None);
            if (n < 3)
            {
                ctx.ContinueAsNew(n + 1);
            }

            return n;
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        await host.DrainAsync();
        string firstExecution = (await host.Client.GetInstanceAsync(id))!.ExecutionId;

        for (int day = 0; day < 4; day++)
        {
            await host.AdvanceAsync(TimeSpan.FromDays(1));
        }

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
        Assert.Equal(3, result.ReadInputAs<int>());
        Assert.NotEqual(firstExecution, result.ExecutionId);
        IReadOnlyList<HistoryEvent> history = await host.Client.GetHistoryAsync(id);
        Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.Single(history.OfType<TimerCreatedEvent>());
    }

    [Theory]
    [InlineData(true, OrchestrationRuntimeStatus.Completed)]
    [InlineData(false, OrchestrationRuntimeStatus.Running)]
    public async Task ContinueAsNew_PreserveUnprocessedEvents_CarriesBufferedEventsOnlyWhenAsked(bool preserve, OrchestrationRuntimeStatus expected)
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Batcher", async (ctx, round) =>
        {
            if (round == 0)
            {
                await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                ctx.ContinueAsNew(1, preserve);
                return 0;
            }

            int a = await ctx.WaitForExternalEvent<int>("Item");
            int b = await ctx.WaitForExternalEvent<int>("Item");
            return a + b;
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Batcher", 0);
        await host.DrainAsync();
        await host.Client.RaiseEventAsync(id, "Item", 30);
        await host.Client.RaiseEventAsync(id, "Item", 12);
        await host.DrainAsync();

        await host.AdvanceAsync(TimeSpan.FromHours(1));

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(expected, result.RuntimeStatus);
        if (preserve)
        {
            Assert.Equal(42, result.ReadOutputAs<int>());
        }
    }

    [Fact]
    public async Task ContinueAsNew_EventsInTheSameBatchAfterTheRestartPoint_AreCarriedNotLost()
    {
        // Each execution takes one event and continues; five events arrive together in one work item, so the
        // restart happens after the first and the other four have not been applied yet: they must be carried.
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Tally", async (ctx, total) =>
        {
            int item = await ctx.WaitForExternalEvent<int>("Item");
            if (item == 0)
            {
                return total;
            }

            ctx.ContinueAsNew(total + item);
            return -1;
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Tally", 0);
        await host.DrainAsync();
        foreach (int item in new[] { 1, 2, 3, 4, 5, 0 })
        {
            await host.Client.RaiseEventAsync(id, "Item", item);
        }

        await host.DrainAsync();

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(15, result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task CallActivityAsync_FanOutOfOneThousand_CompletesWithLinearReplay()
    {
        const int Count = 1000;
        var host = new TestHost();
        host.Registry.AddActivityFunc<int, int>("Square", (_, x) => Task.FromResult(x * x));
        host.Registry.AddOrchestratorFunc<int, long>("FanOut", async (ctx, n) =>
        {
            Task<int>[] tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToArray();
            int[] results = await Task.WhenAll(tasks);
            return results.Sum(r => (long)r);
        });

        OrchestrationMetadata result = await host.RunAsync("FanOut", Count);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, Count).Sum(i => (long)i * i), result.ReadOutputAs<long>());
        IReadOnlyList<HistoryEvent> history = await host.Client.GetHistoryAsync(result.InstanceId);
        Assert.Equal(Count, history.OfType<TaskCompletedEvent>().Count());

        // All completions arrive in one batch: two episodes, the second replays only the first one's events.
        Assert.Equal(2, host.Orchestrations.EpisodeCount);
        Assert.InRange(host.Orchestrations.ReplayedEventCount, Count, (2 * Count) + 10);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildTerminated_ParentSeesTerminationFailure()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Child", (ctx, _) => ctx.WaitForExternalEvent<int>("never"));
        host.Registry.AddOrchestratorFunc<int, string>("Parent", async (ctx, x) =>
        {
            try
            {
                await ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions(instanceId: "child-t"));
                return "completed";
            }
            catch (TaskFailedException ex)
            {
                return ex.FailureDetails.ErrorType + ": " + ex.FailureDetails.ErrorMessage;
            }
        });
        string parent = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 1);
        await host.DrainAsync();

        await host.Client.TerminateInstanceAsync("child-t", "duplicate application");
        await host.DrainAsync();

        string output = (await host.Client.GetInstanceAsync(parent, true))!.ReadOutputAs<string>()!;
        Assert.StartsWith("Terminated: ", output, StringComparison.Ordinal);
        Assert.Contains("duplicate application", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildIdFinishedEarlier_ReplacesChild()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Child", (_, x) => Task.FromResult(x * 3));
        host.Registry.AddOrchestratorFunc<int, int>("Parent", (ctx, x) =>
            ctx.CallSubOrchestratorAsync<int>("Child", x, new SubOrchestrationOptions(instanceId: "reused-child")));
        OrchestrationMetadata first = await host.RunAsync("Parent", 1);
        string firstChildExecution = (await host.Client.GetInstanceAsync("reused-child"))!.ExecutionId;

        OrchestrationMetadata second = await host.RunAsync("Parent", 5);

        Assert.Equal(3, first.ReadOutputAs<int>());
        Assert.Equal(15, second.ReadOutputAs<int>());
        OrchestrationMetadata child = (await host.Client.GetInstanceAsync("reused-child", true))!;
        Assert.NotEqual(firstChildExecution, child.ExecutionId);
        Assert.Equal(5, child.ReadInputAs<int>());
        Assert.Single((await host.Client.GetHistoryAsync("reused-child")).OfType<ExecutionStartedEvent>());
    }
}
