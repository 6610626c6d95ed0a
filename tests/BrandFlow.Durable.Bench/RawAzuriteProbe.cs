using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BrandFlow.Durable.AzureStorage.Storage;

namespace BrandFlow.Durable.Bench;

/// <summary>Measures what Azurite itself sustains on this machine, as a yardstick for the runtime figures.</summary>
internal sealed class RawAzuriteProbe
{
    private readonly StorageClients clients;
    private readonly TimeSpan duration;
    private int round;

    /// <summary>Creates a probe that runs each measurement for <paramref name="duration"/>.</summary>
    public RawAzuriteProbe(StorageClients clients, TimeSpan duration)
    {
        this.clients = clients;
        this.duration = duration;
    }

    /// <summary>Runs every raw measurement with 1 and 8 concurrent tasks.</summary>
    public async Task<IReadOnlyList<RawRate>> RunAsync()
    {
        var table = this.clients.Tables.GetTableClient("rawprobe");
        await table.CreateIfNotExistsAsync();
        var queue = this.clients.Queues.GetQueueClient("rawprobe");
        await queue.CreateIfNotExistsAsync();

        var results = new List<RawRate>();
        foreach (var tasks in new[] { 1, 8 })
        {
            results.Add(new RawRate("single AddEntity", "entities/s", tasks, await this.MeasureAsync(tasks, (w, i) => AddOneAsync(table, w, i))));
            results.Add(new RawRate("10-entity batch", "batches/s", tasks, await this.MeasureAsync(tasks, (w, i) => AddBatchAsync(table, w, i))));
            results.Add(new RawRate("queue put+get+delete", "messages/s", tasks, await this.MeasureAsync(tasks, (_, _) => QueueRoundTripAsync(queue))));
        }

        results.Add(new RawRate("receive (32) + delete, 1,000 messages waiting", "messages/s", 8, await DrainBacklogAsync(queue, 1000)));
        await table.DeleteAsync();
        await queue.DeleteAsync();
        return results;
    }

    private async Task AddOneAsync(TableClient table, int worker, long i) =>
        await table.AddEntityAsync(new TableEntity($"r{this.round}p{worker}", $"one-{i:D9}") { ["V"] = i });

    private async Task AddBatchAsync(TableClient table, int worker, long i)
    {
        var actions = new List<TableTransactionAction>(10);
        for (var k = 0; k < 10; k++)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"r{this.round}b{worker}-{i}", $"{k:D2}") { ["V"] = k }));
        }

        await table.SubmitTransactionAsync(actions);
    }

    private static async Task QueueRoundTripAsync(QueueClient queue)
    {
        await queue.SendMessageAsync("probe");
        var received = await queue.ReceiveMessageAsync();
        if (received.Value is { } message)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }

    /// <summary>Fills the queue, then drains it as a worker does (batch receive, parallel deletes): Azurite slows with queue length.</summary>
    private static async Task<double> DrainBacklogAsync(QueueClient queue, int count)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, ct) => await queue.SendMessageAsync("backlog", ct));
        var watch = Stopwatch.StartNew();
        var drained = 0;
        while (drained < count)
        {
            var batch = (await queue.ReceiveMessagesAsync(32)).Value;
            await Parallel.ForEachAsync(batch, parallel, async (m, ct) => await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct));
            drained += batch.Length;
        }

        return drained / watch.Elapsed.TotalSeconds;
    }

    private async Task<double> MeasureAsync(int tasks, Func<int, long, Task> operation)
    {
        this.round++;
        long done = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, tasks).Select(async w =>
        {
            long i = 0;
            while (watch.Elapsed < this.duration)
            {
                await operation(w, i++);
                Interlocked.Increment(ref done);
            }
        });
        await Task.WhenAll(workers);
        return done / watch.Elapsed.TotalSeconds;
    }
}

/// <summary>One raw Azurite rate.</summary>
/// <param name="Operation">What was measured.</param>
/// <param name="Unit">Unit of the rate.</param>
/// <param name="Tasks">Concurrent tasks.</param>
/// <param name="PerSecond">Operations per second.</param>
internal sealed record RawRate(string Operation, string Unit, int Tasks, double PerSecond);
