using BrandFlow.Durable.AzureStorage;
using BrandFlow.Durable.AzureStorage.Storage;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.Worker;

namespace BrandFlow.Durable.Bench;

/// <summary>
/// One task hub with a worker (its own clients, whose transactions are counted) and a separate client side (its
/// own clients, counted apart), so worker cost per activity excludes scheduling and monitoring.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(AzureStorageOrchestrationService workerService, DurableTaskWorker worker, AzureStorageOrchestrationService clientService)
    {
        this.WorkerService = workerService;
        this.Worker = worker;
        this.ClientService = clientService;
        this.Client = new DurableTaskClient(clientService);
    }

    public AzureStorageOrchestrationService WorkerService { get; }

    public DurableTaskWorker Worker { get; }

    public AzureStorageOrchestrationService ClientService { get; }

    public DurableTaskClient Client { get; }

    public StorageTransactionCounter WorkerTransactions => this.WorkerService.Clients.Counter;

    public static async Task<BenchHost> StartAsync(string connectionString, string hub, DurableTaskWorkerOptions? workerOptions = null)
    {
        var options = new AzureStorageOrchestrationServiceOptions { TaskHubName = hub };
        var clientService = new AzureStorageOrchestrationService(StorageClients.FromConnectionString(connectionString), options);
        await clientService.CreateIfNotExistsAsync();
        var workerService = new AzureStorageOrchestrationService(StorageClients.FromConnectionString(connectionString), new AzureStorageOrchestrationServiceOptions { TaskHubName = hub });
        var worker = new DurableTaskWorker(workerService, BenchWorkloads.CreateRegistry(), workerOptions ?? new DurableTaskWorkerOptions
        {
            MaxConcurrentOrchestrations = 16,
            MaxConcurrentActivities = 32,
            MaxPollingInterval = TimeSpan.FromMilliseconds(200),
        });
        await worker.StartAsync();
        return new BenchHost(workerService, worker, clientService);
    }

    /// <summary>Waits (polling one query page per second) until every listed instance has finished.</summary>
    public async Task WaitForAllAsync(IReadOnlyCollection<string> instanceIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var remaining = new HashSet<string>(instanceIds, StringComparer.Ordinal);
        while (remaining.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{remaining.Count} instances did not finish in time.");
            }

            await Task.Delay(250);
            string? token = null;
            do
            {
                var page = await this.ClientService.QueryInstancesAsync(
                    new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed], PageSize = 1000, ContinuationToken = token },
                    CancellationToken.None);
                foreach (var state in page.Instances)
                {
                    if (state.RuntimeStatus == OrchestrationRuntimeStatus.Failed && remaining.Contains(state.InstanceId))
                    {
                        throw new InvalidOperationException($"Instance {state.InstanceId} failed: {state.FailureDetails}");
                    }

                    remaining.Remove(state.InstanceId);
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await this.Worker.DisposeAsync();
        await this.ClientService.DeleteAllAsync();
    }
}
