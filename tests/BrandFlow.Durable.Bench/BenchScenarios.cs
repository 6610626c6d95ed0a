using System.Diagnostics;
using BrandFlow.Durable.AzureStorage.Storage;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.Worker;

namespace BrandFlow.Durable.Bench;

/// <summary>The runtime measurements: each on its own task hub, with worker transactions counted apart.</summary>
internal sealed class BenchScenarios
{
    private readonly string connectionString;
    private int hubCounter;

    public BenchScenarios(string connectionString)
    {
        this.connectionString = connectionString;
    }

    /// <summary>200 instances each calling 10 activities in sequence.</summary>
    public async Task<ScenarioResult> ChainsAsync(int instances, int length)
    {
        await using var host = await this.StartAsync();
        var ids = Enumerable.Range(0, instances).Select(i => $"chain-{i:D4}").ToList();
        var before = host.WorkerTransactions.Snapshot();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", length, new StartOrchestrationOptions(id), ct));
        await host.WaitForAllAsync(ids, TimeSpan.FromMinutes(4));
        watch.Stop();
        var used = host.WorkerTransactions.Snapshot() - before;
        var activities = instances * length;
        return new ScenarioResult(watch.Elapsed, activities, used, host.ClientService.Clients.Counter.Total);
    }

    /// <summary>One instance fanning out to <paramref name="width"/> activities and waiting for all.</summary>
    public async Task<ScenarioResult> FanOutAsync(int width)
    {
        await using var host = await this.StartAsync();
        var before = host.WorkerTransactions.Snapshot();
        var watch = Stopwatch.StartNew();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", width, new StartOrchestrationOptions("fan"));
        await host.WaitForAllAsync(["fan"], TimeSpan.FromMinutes(4));
        watch.Stop();
        var used = host.WorkerTransactions.Snapshot() - before;
        var replayed = host.Worker.OrchestrationDispatcher.ReplayedEventCount;
        return new ScenarioResult(watch.Elapsed, width, used, host.ClientService.Clients.Counter.Total) { ReplayedEvents = replayed, Episodes = host.Worker.OrchestrationDispatcher.EpisodeCount };
    }

    /// <summary>
    /// Starts <paramref name="instances"/> instances that wait for an event, measures worker memory while all are in
    /// flight, then raises one event into each and measures events per second until all have completed.
    /// </summary>
    public async Task<(ScenarioResult Events, MemoryResult Memory)> EventsAsync(int instances)
    {
        await using var host = await this.StartAsync();
        var ids = Enumerable.Range(0, instances).Select(i => $"wait-{i:D4}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", 1, new StartOrchestrationOptions(id), ct));
        await this.WaitUntilRunningAsync(host, instances);

        var memory = MemoryResult.Measure(host.WorkerService.CachedInstanceCount);
        var before = host.WorkerTransactions.Snapshot();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
            await host.Client.RaiseEventAsync(id, "go", 1, ct));
        await host.WaitForAllAsync(ids, TimeSpan.FromMinutes(4));
        watch.Stop();
        return (new ScenarioResult(watch.Elapsed, instances, host.WorkerTransactions.Snapshot() - before, host.ClientService.Clients.Counter.Total), memory);
    }

    /// <summary>Storage transactions a worker with default polling settings makes per minute on an empty task hub.</summary>
    public async Task<(double PerMinute, StorageTransactionSnapshot Used)> IdleAsync(TimeSpan warmUp, TimeSpan window)
    {
        await using var host = await this.StartAsync(new DurableTaskWorkerOptions());
        await Task.Delay(warmUp);
        var before = host.WorkerTransactions.Snapshot();
        await Task.Delay(window);
        var used = host.WorkerTransactions.Snapshot() - before;
        return (used.Total / window.TotalMinutes, used);
    }

    private async Task WaitUntilRunningAsync(BenchHost host, int expected)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var running = 0;
            string? token = null;
            do
            {
                var page = await host.ClientService.QueryInstancesAsync(
                    new Backend.InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Running], PageSize = 1000, ContinuationToken = token }, CancellationToken.None);
                running += page.Instances.Count;
                token = page.ContinuationToken;
            }
            while (token is not null);

            if (running >= expected)
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The waiting instances did not all start.");
    }

    private Task<BenchHost> StartAsync(DurableTaskWorkerOptions? options = null) =>
        BenchHost.StartAsync(this.connectionString, $"bench{Interlocked.Increment(ref this.hubCounter)}x{Environment.ProcessId % 10000}", options);
}

/// <summary>Outcome of one scenario.</summary>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Operations">Activities or events processed.</param>
/// <param name="WorkerTransactions">Storage transactions the worker made.</param>
/// <param name="ClientTransactions">Storage transactions the client side made (scheduling, raising, polling).</param>
internal sealed record ScenarioResult(TimeSpan Elapsed, int Operations, StorageTransactionSnapshot WorkerTransactions, long ClientTransactions)
{
    public double PerSecond => this.Operations / this.Elapsed.TotalSeconds;

    public double WorkerTransactionsPerOperation => (double)this.WorkerTransactions.Total / this.Operations;

    public long ReplayedEvents { get; init; }

    public long Episodes { get; init; }
}

/// <summary>Worker process memory at one moment.</summary>
/// <param name="GcHeapBytes">Managed heap after a full collection.</param>
/// <param name="WorkingSetBytes">Process working set.</param>
/// <param name="CachedInstances">Instance snapshots the backend held in memory.</param>
internal sealed record MemoryResult(long GcHeapBytes, long WorkingSetBytes, int CachedInstances)
{
    public static MemoryResult Measure(int cachedInstances)
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new MemoryResult(heap, process.WorkingSet64, cachedInstances);
    }
}
