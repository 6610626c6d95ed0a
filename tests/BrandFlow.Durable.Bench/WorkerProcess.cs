using Azure;
using Azure.Data.Tables;
using BrandFlow.Durable.AzureStorage;
using BrandFlow.Durable.AzureStorage.Storage;
using BrandFlow.Durable.Worker;

namespace BrandFlow.Durable.Bench;

/// <summary>
/// <c>BrandFlow.Durable.Bench worker &lt;hub&gt;</c>: runs one worker process on a task hub until killed or until
/// standard input closes. Its activities record their effect in the table <c>&lt;hub&gt;ledger</c>, keyed by
/// idempotency key with insert-if-absent, so tests running several such processes can check that no effect was
/// recorded twice. Used by the two-process test in BrandFlow.Durable.AzureStorage.Tests.
/// </summary>
internal static class WorkerProcess
{
    public static async Task<int> RunAsync(string connection, string hub)
    {
        var clients = StorageClients.FromConnectionString(connection);
        var ledger = clients.Tables.GetTableClient(hub + "ledger");
        await ledger.CreateIfNotExistsAsync();
        var service = new AzureStorageOrchestrationService(clients, new AzureStorageOrchestrationServiceOptions
        {
            TaskHubName = hub,
            LockTimeout = TimeSpan.FromSeconds(10),
        });
        await service.CreateIfNotExistsAsync();

        var registry = BenchWorkloads.CreateRegistry(async (context, value) =>
        {
            var effect = new TableEntity(Uri.EscapeDataString(context.InstanceId), Uri.EscapeDataString(context.IdempotencyKey))
            {
                ["Value"] = value,
                ["ProcessId"] = Environment.ProcessId,
            };
            try
            {
                await ledger.AddEntityAsync(effect);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Already recorded by an earlier delivery of the same call: the effect stays single.
            }
        });
        var worker = new DurableTaskWorker(service, registry, new DurableTaskWorkerOptions
        {
            MaxConcurrentOrchestrations = 8,
            MaxConcurrentActivities = 16,
            MaxPollingInterval = TimeSpan.FromMilliseconds(500),
        });
        await worker.StartAsync();
        Console.WriteLine($"worker {Environment.ProcessId} started on {hub}");
        await Task.Run(() => Console.In.ReadToEnd());
        await worker.StopAsync();
        Console.WriteLine($"worker {Environment.ProcessId} stopped after {worker.OrchestrationDispatcher.EpisodeCount} episodes");
        return 0;
    }
}
