using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.Tests.TestSupport;

namespace BrandFlow.Durable.Tests.Core;

public sealed class ReplayEngineTests
{
    [Fact]
    public async Task CallActivityAsync_ChainOfThree_CompletesWithComposedOutput()
    {
        var host = new TestHost();
        host.Registry.AddActivityFunc<string, string>("Append", (_, s) => Task.FromResult(s + "!"));
        host.Registry.AddOrchestratorFunc<string, string>("Chain", async (ctx, input) =>
        {
            string a = await ctx.CallActivityAsync<string>("Append", input);
            string b = await ctx.CallActivityAsync<string>("Append", a);
            return await ctx.CallActivityAsync<string>("Append", b);
        });

        OrchestrationMetadata result = await host.RunAsync("Chain", "hi");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("hi!!!", result.ReadOutputAs<string>());
        IReadOnlyList<HistoryEvent> history = await host.Client.GetHistoryAsync(result.InstanceId);
        Assert.Equal(3, history.OfType<TaskScheduledEvent>().Count());
        Assert.Equal(3, history.OfType<TaskCompletedEvent>().Count());
        Assert.Single(history.OfType<ExecutionCompletedEvent>());
    }

    [Fact]
    public async Task CallActivityAsync_ActivityThrows_InstanceFailsWithActivityFailureAsInner()
    {
        var host = new TestHost();
        host.Registry.AddActivityFunc<int, int>("Boom", (_, _) => throw new InvalidOperationException("no stock"));
        host.Registry.AddOrchestratorFunc<int, int>("Caller", (ctx, _) => ctx.CallActivityAsync<int>("Boom", 1));

        OrchestrationMetadata result = await host.RunAsync("Caller", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.NotNull(result.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, result.FailureDetails.ErrorType);
        Assert.Equal(typeof(InvalidOperationException).FullName, result.FailureDetails.InnerFailure?.ErrorType);
        Assert.Equal("no stock", result.FailureDetails.InnerFailure?.ErrorMessage);
        Assert.False(string.IsNullOrEmpty(result.FailureDetails.InnerFailure?.StackTrace));
    }

    [Fact]
    public async Task CallActivityAsync_OrchestratorCatchesFailure_SeesFailureDetailsAndCompletes()
    {
        var host = new TestHost();
        host.Registry.AddActivityFunc<int, int>("Boom", (_, _) => throw new ArgumentException("bad amount"));
        host.Registry.AddOrchestratorFunc<int, string>("Caller", async (ctx, _) =>
        {
            try
            {
                await ctx.CallActivityAsync<int>("Boom", 1);
                return "no error";
            }
            catch (TaskFailedException ex) when (ex.FailureDetails.IsCausedBy<ArgumentException>())
            {
                return ex.FailureDetails.ErrorMessage;
            }
        });

        OrchestrationMetadata result = await host.RunAsync("Caller", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("bad amount", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CallActivityAsync_UnregisteredActivity_FailsTheTask()
    {
        var host = new TestHost();
        host.Registry.AddOrchestratorFunc<int, int>("Caller", (ctx, _) => ctx.CallActivityAsync<int>("Missing", 1));

        OrchestrationMetadata result = await host.RunAsync("Caller", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("Missing", result.FailureDetails!.InnerFailure!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_UnregisteredOrchestrator_InstanceFails()
    {
        var host = new TestHost();

        OrchestrationMetadata result = await host.RunAsync("Nobody", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("Nobody", result.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_CodeSchedulesDifferentActivity_FailsWithNonDeterminismNamingTheStep()
    {
        var host = new TestHost();
        bool changed = false;
        host.Registry.AddActivityFunc<int, int>("Reserve", (_, x) => Task.FromResult(x));
        host.Registry.AddActivityFunc<int, int>("Charge", (_, x) => Task.FromResult(x));
        host.Registry.AddOrchestratorFunc<int, int>("Flow", async (ctx, x) =>
        {
            await ctx.CallActivityAsync<int>("Reserve", x);
            await ctx.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
            int charged = await ctx.CallActivityAsync<int>(changed ? "Reserve" : "Charge", x);
            await ctx.WaitForExternalEvent<int>("go");
            return await ctx.CallActivityAsync<int>("Reserve", charged);
        });
        host.Registry.AddOrchestratorFunc<int, int>("Bystander", async (ctx, x) =>
        {
            await ctx.CreateTimer(TimeSpan.FromMinutes(2), CancellationToken.None);
            return x + 1;
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Flow", 5, new StartOrchestrationOptions("flow-1"));
        string other = await host.Client.ScheduleNewOrchestrationInstanceAsync("Bystander", 5);
        await host.DrainAsync();
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));

        changed = true;
        await host.Client.RaiseEventAsync(id, "go", 1);
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));

        OrchestrationMetadata failed = (await host.Client.GetInstanceAsync(id))!;
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, failed.FailureDetails!.ErrorType);
        Assert.Contains("step 2", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("TaskScheduled 'Charge'", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("TaskScheduled 'Reserve'", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        OrchestrationMetadata bystander = (await host.Client.GetInstanceAsync(other, getInputsAndOutputs: true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, bystander.RuntimeStatus);
        Assert.Equal(6, bystander.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Replay_CodeNoLongerSchedulesRecordedStep_FailsWithNonDeterminism()
    {
        var host = new TestHost();
        bool skip = false;
        host.Registry.AddActivityFunc<int, int>("Work", (_, x) => Task.FromResult(x));
        host.Registry.AddOrchestratorFunc<int, int>("Flow", async (ctx, x) =>
        {
            if (!skip)
            {
                await ctx.CallActivityAsync<int>("Work", x);
            }

            await ctx.WaitForExternalEvent<int>("go");
            return x;
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Flow", 1);
        await host.DrainAsync();

        skip = true;
        await host.Client.RaiseEventAsync(id, "go", 1);
        await host.DrainAsync();

        OrchestrationMetadata failed = (await host.Client.GetInstanceAsync(id))!;
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Contains("step 0", failed.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("nothing", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsReplaying_AcrossEpisodes_TrueOnlyForRecordedSteps()
    {
        var host = new TestHost();
        var observed = new List<bool>();
        host.Registry.AddActivityFunc<int, int>("Work", (_, x) => Task.FromResult(x));
        host.Registry.AddOrchestratorFunc<int, int>("Flow", async (ctx, x) =>
        {
            observed.Add(ctx.IsReplaying);
            await ctx.CallActivityAsync<int>("Work", x);
            observed.Add(ctx.IsReplaying);
            await ctx.CallActivityAsync<int>("Work", x);
            observed.Add(ctx.IsReplaying);
            return x;
        });

        await host.RunAsync("Flow", 1);

        // Episode 1: start. Episode 2: replay start, then first completion is new. Episode 3: replay two, then new.
        Assert.Equal([false, true, false, true, true, false], observed);
    }

    [Fact]
    public async Task CurrentUtcDateTime_AcrossReplays_IsTheEpisodeStartTime()
    {
        var host = new TestHost();
        var seen = new List<DateTime>();
        host.Registry.AddOrchestratorFunc<int, DateTime>("Clock", async (ctx, _) =>
        {
            seen.Add(ctx.CurrentUtcDateTime);
            await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            seen.Add(ctx.CurrentUtcDateTime);
            return ctx.CurrentUtcDateTime;
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Clock", 0);
        await host.DrainAsync();

        await host.AdvanceAsync(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(5));

        OrchestrationMetadata result = (await host.Client.GetInstanceAsync(id, true))!;
        DateTime start = TestHost.Epoch.UtcDateTime;
        Assert.Equal(start.AddHours(1).AddSeconds(5), result.ReadOutputAs<DateTime>());
        Assert.Equal([start, start, start.AddHours(1).AddSeconds(5)], seen);
    }

    [Fact]
    public async Task NewGuid_AcrossReplays_IsStableAndVersion5()
    {
        var host = new TestHost();
        var firstRun = new List<Guid>();
        var lastRun = new List<Guid>();
        host.Registry.AddOrchestratorFunc<int, string>("Guids", async (ctx, _) =>
        {
            Guid a = ctx.NewGuid();
            Guid b = ctx.NewGuid();
            (ctx.IsReplaying ? lastRun : firstRun).AddRange([a, b]);
            await ctx.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
            return $"{a}|{b}";
        });
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Guids", 0);
        await host.DrainAsync();
        await host.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(firstRun, lastRun);
        Assert.NotEqual(firstRun[0], firstRun[1]);
        Assert.Equal(5, firstRun[0].Version);
        Assert.Equal($"{firstRun[0]}|{firstRun[1]}", (await host.Client.GetInstanceAsync(id, true))!.ReadOutputAs<string>());
    }
}
