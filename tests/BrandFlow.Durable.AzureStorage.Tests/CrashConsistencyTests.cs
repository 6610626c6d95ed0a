using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.AzureStorage.Tests;

public sealed class CrashConsistencyTests
{
    public static TheoryData<FaultPoint> FaultPoints => [FaultPoint.AfterLockBeforeCommit, FaultPoint.AfterCommitBeforeSend, FaultPoint.AfterSendBeforeAck];

    [Theory]
    [MemberData(nameof(FaultPoints))]
    public async Task ProcessDiesAtFaultPoint_FreshWorkerCompletesEverythingOnce(FaultPoint point)
    {
        var hub = AzuriteStorage.UniqueHub("crash");
        var scenarios = new Scenarios();
        var hook = new DyingProcess(point, healthyPasses: 4);
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);

        // A "dead" worker object keeps polling until it is disposed, and every message it takes counts as a delivery;
        // a real dead process takes none. The raised poison limit keeps that artefact (long on a loaded machine) from
        // failing instances: this test is about recovery, the poison path has its own tests.
        var doomed = await WorkerHost.StartAsync(hub, scenarios, o => { o.FaultInjection = hook; o.LockTimeout = TimeSpan.FromSeconds(2); o.MaxDequeueCount = 50; }, workerHook: hook);
        for (var i = 0; i < 4; i++)
        {
            await doomed.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 3, new StartOrchestrationOptions($"chain-{i}"));
            expected[$"chain-{i}"] = "3";
        }

        for (var i = 0; i < 2; i++)
        {
            await doomed.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 5, new StartOrchestrationOptions($"fan-{i}"));
            expected[$"fan-{i}"] = "55";
        }

        await doomed.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 1, new StartOrchestrationOptions("approval"));
        await doomed.Client.RaiseEventAsync("approval", "approve", 1);
        expected["approval"] = "3";

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!hook.Dead && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(hook.Dead, $"the process never reached {point}");
        await doomed.DisposeAsync();

        // A fresh process with its own clients picks up whatever the dead one left: queue messages after their lock
        // expires, unsent outbox rows through the sweep.
        await using var fresh = await WorkerHost.StartAsync(hub, scenarios, o => { o.OutboxResendAfter = TimeSpan.FromSeconds(2); o.MaxDequeueCount = 50; });
        var done = await fresh.WaitForAllAsync(expected.Keys, TimeSpan.FromSeconds(60));
        foreach (var (id, output) in expected)
        {
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done[id].RuntimeStatus);
            Assert.Equal(output, done[id].Output);
            HistoryAssert.Valid(id, await fresh.Service.GetHistoryAsync(id, CancellationToken.None));
        }

        // 4 chains of 3, 2 fan-outs of 5, 1 approval: every activity call has exactly one recorded effect.
        Assert.Equal(23, scenarios.Ledger.Count);
        await fresh.Worker.StopAsync();
        await fresh.Service.DeleteAllAsync();
    }

    /// <summary>
    /// Lets the process pass the fault point a few times, then "kills" it there: from that moment every fault point
    /// throws, as nothing of a dead process runs any more.
    /// </summary>
    private sealed class DyingProcess(FaultPoint point, int healthyPasses) : IFaultInjectionHook
    {
        private int passes;
        private volatile bool dead;

        public bool Dead => this.dead;

        public void OnFaultPoint(FaultPoint faultPoint, WorkItemKind kind, string instanceId)
        {
            if (!this.dead && faultPoint == point && Interlocked.Increment(ref this.passes) > healthyPasses)
            {
                this.dead = true;
            }

            if (this.dead)
            {
                throw new InjectedFaultException(faultPoint, kind, instanceId);
            }
        }
    }
}
