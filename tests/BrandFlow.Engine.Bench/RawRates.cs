using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace BrandFlow.Engine.Bench;

/// <summary>One raw Azurite rate: operations per second and the storage transactions each operation costs.</summary>
internal sealed record RawRate(string Operation, int Tasks, double OperationsPerSecond, int TransactionsPerOperation)
{
    /// <summary>Storage transactions per second.</summary>
    public double TransactionsPerSecond => this.OperationsPerSecond * this.TransactionsPerOperation;
}

/// <summary>
/// What Azurite alone sustains in this run, as the yardstick of the engine figures (the award bench's probe): single entity inserts, 10-entity
/// batches (one transaction each), queue round trips (send, receive, delete) and small blob uploads, with 1 and 8 concurrent tasks.
/// </summary>
internal static class RawRates
{
    /// <summary>Measures every rate for <paramref name="each"/>, on a throw-away table and queue and a blob container that is left in place.</summary>
    public static async Task<IReadOnlyList<RawRate>> MeasureAsync(string connection, TimeSpan each)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var table = new TableClient(connection, "rawprobe" + suffix);
        await table.CreateIfNotExistsAsync();
        var queue = new QueueClient(connection, "rawprobe-" + suffix);
        await queue.CreateIfNotExistsAsync();
        var container = new BlobContainerClient(connection, "rawprobe-" + suffix);
        await container.CreateIfNotExistsAsync();
        var blob = BinaryData.FromString(new string('x', 2048));
        var rates = new List<RawRate>();
        foreach (var tasks in new[] { 1, 8 })
        {
            rates.Add(new("single AddEntity", tasks, await RunAsync(tasks, each, (w, i) => table.AddEntityAsync(new TableEntity($"s{tasks}-{w}", $"{i:D9}") { ["V"] = i })), 1));
            rates.Add(new("10-entity batch", tasks, await RunAsync(tasks, each, (w, i) => table.SubmitTransactionAsync(
                Enumerable.Range(0, 10).Select(k => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"b{tasks}-{w}-{i}", $"{k:D2}") { ["V"] = k })))), 1));
            rates.Add(new("queue send+receive+delete", tasks, await RunAsync(tasks, each, async (_, _) =>
            {
                await queue.SendMessageAsync("probe");
                if ((await queue.ReceiveMessageAsync()).Value is { } message)
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }), 3));
            rates.Add(new("2 KiB blob upload", tasks, await RunAsync(tasks, each, (w, i) => container.UploadBlobAsync($"{tasks}/{w}/{i}", blob)), 1));
        }

        await table.DeleteAsync();
        await queue.DeleteAsync();

        // The probe's blobs are kept. Deleting them leaves thousands of unreferenced extents, and Azurite's blob garbage
        // collector (every 10 minutes) removes extents one by one, rebuilding the extent index for each, in one
        // synchronous stretch: in a 2,000-application run that stalled the blob service for more than 100 s, ten
        // minutes after the start probe.
        return rates;
    }

    private static async Task<double> RunAsync(int tasks, TimeSpan duration, Func<int, long, Task> operation)
    {
        long done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, tasks).Select(async w =>
        {
            for (long i = 0; watch.Elapsed < duration; i++)
            {
                await operation(w, i);
                Interlocked.Increment(ref done);
            }
        }));
        return done / watch.Elapsed.TotalSeconds;
    }
}
