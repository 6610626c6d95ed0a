using System.Diagnostics;
using BrandFlow.Engine.Bench.Tasks;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Engine.Bench;

/// <summary>The engine measurements; each runs on a fresh host and task hub so earlier scenarios leave nothing behind.</summary>
internal sealed class EngineScenarios(string connection, LogCapture logs)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private int hubs;

    /// <summary>Storage requests one client call costs (schedule, raise), measured on a client-only host that processes nothing.</summary>
    public async Task<ClientCosts> ClientCostsAsync(int instances)
    {
        await using var host = await this.StartAsync(new EngineProfile("client only", []), processWork: false);
        var before = host.Requests.Snapshot();
        var ids = await ScheduleAsync(host, nameof(WaitForEventOrchestrator), "c", instances, 0);
        var scheduled = host.Requests.Snapshot();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
            await host.Client.RaiseEventAsync(id, WaitForEventOrchestrator.EventName, 1, ct));
        var raised = host.Requests.Snapshot();
        return new ClientCosts(scheduled.Since(before), raised.Since(scheduled), instances);
    }

    /// <summary><paramref name="instances"/> instances each calling <see cref="EchoActivity"/> <paramref name="length"/> times in sequence.</summary>
    public async Task<ScenarioResult> ChainsAsync(EngineProfile profile, int instances, int length)
    {
        await using var host = await this.StartAsync(profile);
        var before = host.Requests.Snapshot();
        var watch = Stopwatch.StartNew();
        await ScheduleAsync(host, nameof(ChainOrchestrator), "chain", instances, length);
        await BenchProgress.UntilAsync(() => host.Progress.Completed, instances, Timeout, "chains completed");
        watch.Stop();
        var polls = await host.ConfirmCompletedAsync(instances, Timeout);
        return new ScenarioResult(watch.Elapsed, instances * length, instances, 0, WithoutPolls(host.Requests.Snapshot().Since(before), polls));
    }

    /// <summary>One instance starting <paramref name="width"/> activities at once and waiting for all.</summary>
    public async Task<ScenarioResult> FanOutAsync(EngineProfile profile, int width)
    {
        await using var host = await this.StartAsync(profile);
        var before = host.Requests.Snapshot();
        var watch = Stopwatch.StartNew();
        await ScheduleAsync(host, nameof(FanOutOrchestrator), "fan", 1, width);
        await BenchProgress.UntilAsync(() => host.Progress.Completed, 1, Timeout, "fan-out completed");
        watch.Stop();
        var polls = await host.ConfirmCompletedAsync(1, Timeout);
        return new ScenarioResult(watch.Elapsed, width, 1, 0, WithoutPolls(host.Requests.Snapshot().Since(before), polls));
    }

    /// <summary>
    /// Starts <paramref name="instances"/> instances waiting for an event, measures the process's memory with all of them in
    /// flight, then raises one event into each and measures until all have completed.
    /// </summary>
    public async Task<(ScenarioResult Events, MemoryResult Memory)> EventsAsync(EngineProfile profile, int instances)
    {
        await using var host = await this.StartAsync(profile);
        var ids = await ScheduleAsync(host, nameof(WaitForEventOrchestrator), "wait", instances, 1);
        await BenchProgress.UntilAsync(() => host.Progress.Waiting, instances, Timeout, "instances waiting");
        await Task.Delay(TimeSpan.FromSeconds(3)); // let the last checkpoints land
        var memory = MemoryResult.Measure(instances);

        var before = host.Requests.Snapshot();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
            await host.Client.RaiseEventAsync(id, WaitForEventOrchestrator.EventName, 1, ct));
        await BenchProgress.UntilAsync(() => host.Progress.Completed, instances, Timeout, "instances completed");
        watch.Stop();
        var polls = await host.ConfirmCompletedAsync(instances, Timeout);
        return (new ScenarioResult(watch.Elapsed, instances, 0, instances, WithoutPolls(host.Requests.Snapshot().Since(before), polls)), memory);
    }

    /// <summary>Storage requests of a running engine with nothing to do, over <paramref name="window"/> after <paramref name="warmUp"/>.</summary>
    public async Task<StorageCounts> IdleAsync(EngineProfile profile, TimeSpan warmUp, TimeSpan window)
    {
        await using var host = await this.StartAsync(profile);
        await Task.Delay(warmUp);
        var before = host.Requests.Snapshot();
        await Task.Delay(window);
        return host.Requests.Snapshot().Since(before);
    }

    /// <summary>Runs a few short chains with the profile; returns null when they complete, else what went wrong.</summary>
    public async Task<string?> ProbeAsync(EngineProfile profile, int instances, int length, TimeSpan timeout)
    {
        logs.Clear();
        try
        {
            await using var host = await this.StartAsync(profile);
            await ScheduleAsync(host, nameof(ChainOrchestrator), "probe", instances, length);
            await BenchProgress.UntilAsync(() => host.Progress.Completed, instances, timeout, "probe chains completed");
            return null;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or Grpc.Core.RpcException)
        {
            var errors = string.Join("; ", logs.Messages.Take(3).Select(m => m.Key));
            return $"{e.GetType().Name}: {e.Message}" + (errors.Length > 0 ? $" — engine log: {errors}" : string.Empty);
        }
    }

    private static async Task<List<string>> ScheduleAsync(BenchHost host, string orchestrator, string prefix, int instances, int input)
    {
        var ids = Enumerable.Range(0, instances).Select(i => $"{prefix}-{i:D4}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            await host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(id), ct));
        return ids;
    }

    private static StorageCounts WithoutPolls(StorageCounts counts, long polls)
    {
        var operations = counts.Operations.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        if (operations.TryGetValue("table Instances query", out var queries))
        {
            operations["table Instances query"] = queries - polls;
        }

        return new StorageCounts(operations);
    }

    private async Task<BenchHost> StartAsync(EngineProfile profile, bool processWork = true)
    {
        var hub = $"bench{Interlocked.Increment(ref this.hubs)}x{Environment.ProcessId % 100000}";
        BenchProgress.Shared.Reset();
        var host = await BenchHost.StartAsync(connection, hub, profile, logs, processWork);
        if (processWork)
        {
            // Warm-up: the partitions are claimed and one episode and activity ran before anything is measured.
            await ScheduleAsync(host, nameof(ChainOrchestrator), "warm", 4, 1);
            await BenchProgress.UntilAsync(() => host.Progress.Completed, 4, Timeout, "warm-up chains");
            await host.ConfirmCompletedAsync(4, Timeout);
            await Task.Delay(TimeSpan.FromSeconds(2));
            host.Progress.Reset();
            host.WarmInstances = 4;
        }

        return host;
    }
}

/// <summary>Outcome of one scenario.</summary>
/// <param name="Elapsed">Wall time from the first call to the last completion.</param>
/// <param name="Operations">Activities or events processed.</param>
/// <param name="Scheduled">Instances the client scheduled inside the measurement.</param>
/// <param name="Raised">Events the client raised inside the measurement.</param>
/// <param name="Requests">Storage requests in the process (engine and the client's calls through the sidecar), completion polls left out.</param>
internal sealed record ScenarioResult(TimeSpan Elapsed, int Operations, int Scheduled, int Raised, StorageCounts Requests)
{
    /// <summary>Operations per second.</summary>
    public double PerSecond => this.Operations / this.Elapsed.TotalSeconds;
}

/// <summary>What scheduling an instance and raising an event cost in storage requests, measured with nothing processing.</summary>
/// <param name="Schedule">Requests of scheduling <paramref name="Instances"/> instances.</param>
/// <param name="Raise">Requests of raising one event into each.</param>
/// <param name="Instances">Instances.</param>
internal sealed record ClientCosts(StorageCounts Schedule, StorageCounts Raise, int Instances)
{
    /// <summary>Requests per scheduled instance.</summary>
    public double PerSchedule => (double)this.Schedule.Total / this.Instances;

    /// <summary>Requests per raised event.</summary>
    public double PerRaise => (double)this.Raise.Total / this.Instances;

    /// <summary>Requests of a scenario without those its client calls made.</summary>
    public double EngineRequests(ScenarioResult result) => result.Requests.Total - (result.Scheduled * this.PerSchedule) - (result.Raised * this.PerRaise);
}

/// <summary>Process memory at one moment.</summary>
/// <param name="GcHeapBytes">Managed heap after a full collection.</param>
/// <param name="WorkingSetBytes">Working set.</param>
/// <param name="Instances">Instances in flight.</param>
internal sealed record MemoryResult(long GcHeapBytes, long WorkingSetBytes, int Instances)
{
    /// <summary>Measures now.</summary>
    public static MemoryResult Measure(int instances)
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new MemoryResult(heap, process.WorkingSet64, instances);
    }
}
