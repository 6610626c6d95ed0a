using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace BrandFlow.Engine.Bench;

/// <summary>
/// Counts the storage requests (billable transactions, every attempt including retries) of the engine's
/// DurableTask.AzureStorage clients, per service and per operation ("queue control receive", "table History $batch"…).
/// Attached through <c>LocalEngineOptions.ConfigureStorageClientOptions</c> as a per-retry pipeline policy.
/// </summary>
internal sealed class StorageRequestCounter
{
    private readonly ConcurrentDictionary<string, long> operations = new(StringComparer.Ordinal);

    /// <summary>Adds the counting policy to one of the engine's client options.</summary>
    public void Attach(ClientOptions options)
    {
        var service = options switch
        {
            TableClientOptions => "table",
            QueueClientOptions => "queue",
            BlobClientOptions => "blob",
            _ => "other",
        };
        options.AddPolicy(new CountingPolicy(this, service), HttpPipelinePosition.PerRetry);
    }

    /// <summary>Counts per operation so far.</summary>
    public StorageCounts Snapshot() => new(new Dictionary<string, long>(this.operations, StringComparer.Ordinal));

    private void Record(string service, HttpMessage message) =>
        this.operations.AddOrUpdate(Classify(service, message.Request), 1, (_, n) => n + 1);

    /// <summary>"service resource operation", the task hub's prefix removed from table, queue and container names.</summary>
    private static string Classify(string service, Request request)
    {
        var segments = request.Uri.Path.Trim('/').Split('/');
        var resource = segments.Length > 1 ? Uri.UnescapeDataString(segments[1]) : string.Empty;
        var method = request.Method.Method;
        var query = request.Uri.Query;
        switch (service)
        {
            case "table":
                var keyed = resource.Contains('(', StringComparison.Ordinal) && !resource.EndsWith("()", StringComparison.Ordinal);
                var table = resource.Split('(')[0];
                var kind = table switch
                {
                    _ when table.EndsWith("History", StringComparison.OrdinalIgnoreCase) => "History",
                    _ when table.EndsWith("Instances", StringComparison.OrdinalIgnoreCase) => "Instances",
                    _ when table.EndsWith("Partitions", StringComparison.OrdinalIgnoreCase) => "Partitions",
                    "$batch" => string.Empty,
                    "Tables" => "(tables)",
                    _ => "other",
                };
                var op = (method, keyed, table) switch
                {
                    (_, _, "$batch") => "$batch",
                    ("GET", true, _) => "get entity",
                    ("GET", false, _) => "query",
                    ("POST", _, _) => "insert",
                    ("PUT", _, _) => "upsert/replace",
                    ("MERGE" or "PATCH", _, _) => "merge",
                    ("DELETE", _, _) => "delete",
                    _ => method,
                };
                return $"table {kind} {op}".Replace("  ", " ", StringComparison.Ordinal);
            case "queue":
                var queue = resource.Contains("-control-", StringComparison.Ordinal) ? "control"
                    : resource.EndsWith("-workitems", StringComparison.Ordinal) ? "workitems" : "other";
                var messages = segments.Length > 2 && segments[2] == "messages";
                var single = segments.Length > 3;
                var qop = (method, messages, single) switch
                {
                    ("GET", true, false) => query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) ? "peek" : "receive",
                    ("POST", true, _) => "put",
                    ("PUT", true, true) => "update",
                    ("DELETE", true, true) => "delete",
                    _ => "admin " + method,
                };
                return $"queue {queue} {qop}";
            default:
                var dash = resource.IndexOf('-', StringComparison.Ordinal);
                var container = dash < 0 ? "(account)" : resource[(dash + 1)..]; // "<hub>-applease" → "applease"
                var bop = query.Contains("comp=lease", StringComparison.OrdinalIgnoreCase)
                    ? "lease " + (request.Headers.TryGetValue("x-ms-lease-action", out var action) ? action : "?")
                    : method;
                return $"{service} {container} {bop}";
        }
    }

    private sealed class CountingPolicy(StorageRequestCounter counter, string service) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            counter.Record(service, message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            counter.Record(service, message);
            return ProcessNextAsync(message, pipeline);
        }
    }
}

/// <summary>Storage request counts per operation at one moment (or the difference of two moments).</summary>
/// <param name="Operations">Requests per "service resource operation".</param>
internal sealed record StorageCounts(IReadOnlyDictionary<string, long> Operations)
{
    /// <summary>All requests.</summary>
    public long Total => this.Operations.Values.Sum();

    /// <summary>Requests to one service ("table", "queue", "blob").</summary>
    public long Service(string service) => this.Operations.Where(o => o.Key.StartsWith(service + " ", StringComparison.Ordinal)).Sum(o => o.Value);

    /// <summary>The requests made between <paramref name="earlier"/> and this snapshot.</summary>
    public StorageCounts Since(StorageCounts earlier) => new(this.Operations
        .Select(o => (o.Key, Value: o.Value - earlier.Operations.GetValueOrDefault(o.Key)))
        .Where(o => o.Value != 0)
        .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal));
}
