using System.Collections.Concurrent;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.Tests.TestSupport;

namespace BrandFlow.Durable.Tests.InMemory;

/// <summary>
/// A process "dies" at each fault point (the hook throws and the host stops); a fresh host on the same store then
/// finishes everything. Orchestration results must equal a fault-free run and no idempotent effect may be recorded
/// twice. Activities themselves are at-least-once: a crash after an activity ran but before its result was sent runs
/// it again, which the idempotency key absorbs.
/// </summary>
public sealed class CrashConsistencyTests
{
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["chain"] = "A-B-C",
        ["fan"] = "F0,F1,F2,F3,F4",
        ["approval"] = "FILED|PAID",
        ["parent"] = "sub:X-Y-Z",
        ["parent-child"] = "X-Y-Z",
    };

    public static TheoryData<FaultPoint, WorkItemKind, int> Faults()
    {
        var data = new TheoryData<FaultPoint, WorkItemKind, int>();
        foreach (int nth in new[] { 1, 5, 9, 13 })
        {
            foreach (FaultPoint point in Enum.GetValues<FaultPoint>())
            {
                data.Add(point, WorkItemKind.Orchestration, nth);
            }

            data.Add(FaultPoint.AfterLockBeforeCommit, WorkItemKind.Activity, nth);
            data.Add(FaultPoint.AfterSendBeforeAck, WorkItemKind.Activity, nth);
        }

        return data;
    }

    [Fact]
    public async Task ProcessWorkItems_NoFaults_ProducesExpectedResults()
    {
        var effects = new EffectStore();
        var host = new TestHost();
        Register(host.Registry, effects);
        await StartWorkloadAsync(host);

        await RunToEndAsync(host);

        await AssertOutcomeAsync(host, effects);
        Assert.Equal(effects.Count, effects.RawExecutions);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task ProcessWorkItems_CrashAtFaultPoint_FreshWorkerCompletesWithSameResults(FaultPoint point, WorkItemKind kind, int nth)
    {
        var effects = new EffectStore();
        var hook = new FaultOnceHook(point, kind, nth);
        var crashing = new TestHost(hook);
        Register(crashing.Registry, effects);
        await StartWorkloadAsync(crashing);

        bool crashed = await crashing.DrainUntilCrashAsync();
        for (int i = 0; i < 3 && !crashed; i++)
        {
            crashing.Clock.Advance(TimeSpan.FromHours(1));
            crashed = await crashing.DrainUntilCrashAsync();
        }

        Assert.True(hook.Fired, "the fault point was never reached");
        var fresh = new TestHost(backend: crashing.Backend, clock: crashing.Clock);
        Register(fresh.Registry, effects);
        fresh.Clock.Advance(crashing.Backend.LockTimeout);
        await RunToEndAsync(fresh);

        await AssertOutcomeAsync(fresh, effects);
        if (point == FaultPoint.AfterLockBeforeCommit && kind == WorkItemKind.Activity)
        {
            // At-least-once: the activity ran again after the crash; its effect was still recorded once.
            Assert.Equal(effects.Count + 1, effects.RawExecutions);
        }
    }

    private static void Register(DurableTaskRegistry registry, EffectStore effects)
    {
        registry.AddActivityFunc<string, string>("Record", (ctx, value) => Task.FromResult(effects.Record(ctx.IdempotencyKey, value)));
        registry.AddOrchestratorFunc<string, string>("Chain", async (ctx, letters) =>
        {
            var parts = new List<string>();
            foreach (char letter in letters)
            {
                parts.Add(await ctx.CallActivityAsync<string>("Record", letter.ToString()));
            }

            return string.Join('-', parts);
        });
        registry.AddOrchestratorFunc<int, string>("Fan", async (ctx, n) =>
        {
            string[] parts = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<string>("Record", $"f{i}")));
            return string.Join(',', parts);
        });
        registry.AddOrchestratorFunc<int, string>("Approval", async (ctx, _) =>
        {
            string filed = await ctx.CallActivityAsync<string>("Record", "filed");
            await ctx.WaitForExternalEvent<bool>("ok");
            await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            return filed + "|" + await ctx.CallActivityAsync<string>("Record", "paid");
        });
        registry.AddOrchestratorFunc<int, string>("Parent", async (ctx, _) =>
            "sub:" + await ctx.CallSubOrchestratorAsync<string>("Chain", "xyz", new SubOrchestrationOptions(instanceId: "parent-child")));
    }

    private static async Task StartWorkloadAsync(TestHost host)
    {
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "abc", new StartOrchestrationOptions("chain"));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Fan", 5, new StartOrchestrationOptions("fan"));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 0, new StartOrchestrationOptions("approval"));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 0, new StartOrchestrationOptions("parent"));
        await host.Client.RaiseEventAsync("approval", "ok", true);
    }

    private static async Task RunToEndAsync(TestHost host)
    {
        for (int i = 0; i < 4; i++)
        {
            await host.DrainAsync();
            host.Clock.Advance(TimeSpan.FromHours(1));
        }
    }

    private static async Task AssertOutcomeAsync(TestHost host, EffectStore effects)
    {
        foreach ((string id, string output) in Expected)
        {
            OrchestrationMetadata metadata = (await host.Client.GetInstanceAsync(id, true))!;
            Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
            Assert.Equal(output, metadata.ReadOutputAs<string>());
            IReadOnlyList<HistoryEvent> history = await host.Client.GetHistoryAsync(id);
            int[] scheduled = history.OfType<TaskScheduledEvent>().Select(e => e.EventId).ToArray();
            int[] completed = history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId).ToArray();
            Assert.Equal(scheduled.Order(), completed.Order());
            string[] sources = history.Select(e => e.SourceMessageId).OfType<string>().ToArray();
            Assert.Equal(sources.Length, sources.Distinct().Count());
        }

        // 3 (chain) + 5 (fan) + 2 (approval) + 3 (child chain) distinct activity calls, each recorded once.
        Assert.Equal(13, effects.Count);
        Assert.Equal(0, host.Backend.ActivityQueueLength);
    }

    private sealed class EffectStore
    {
        private readonly ConcurrentDictionary<string, string> effects = new();
        private int raw;

        public int Count => effects.Count;

        public int RawExecutions => Volatile.Read(ref raw);

        public string Record(string key, string value)
        {
            Interlocked.Increment(ref raw);
            effects.TryAdd(key, value);
            return value.ToUpperInvariant();
        }
    }
}
