using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.Worker;

namespace BrandFlow.Durable.AzureStorage.Tests;

/// <summary>One worker process stand-in: its own storage clients, backend, polling worker and client.</summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    private WorkerHost(AzureStorageOrchestrationService service, DurableTaskWorker worker, DurableTaskClient client)
    {
        this.Service = service;
        this.Worker = worker;
        this.Client = client;
    }

    public AzureStorageOrchestrationService Service { get; }

    public DurableTaskWorker Worker { get; }

    public DurableTaskClient Client { get; }

    /// <summary>Starts a worker on a task hub with fast polling and short locks suited to tests.</summary>
    public static async Task<WorkerHost> StartAsync(
        string hub,
        Scenarios scenarios,
        Action<AzureStorageOrchestrationServiceOptions>? configure = null,
        IFaultInjectionHook? workerHook = null,
        TimeProvider? clock = null)
    {
        var service = await AzuriteStorage.CreateServiceAsync(hub, o =>
        {
            o.LockTimeout = TimeSpan.FromSeconds(10);
            o.OutboxSweepInterval = TimeSpan.FromSeconds(1);
            o.OutboxResendAfter = TimeSpan.FromSeconds(20);
            if (clock is not null)
            {
                o.TimeProvider = clock;
            }

            configure?.Invoke(o);
        });
        var worker = new DurableTaskWorker(service, scenarios.CreateRegistry(), new DurableTaskWorkerOptions
        {
            MaxConcurrentOrchestrations = 8,
            MaxConcurrentActivities = 16,
            MaxPollingInterval = TimeSpan.FromMilliseconds(500),
            ShutdownGracePeriod = TimeSpan.FromSeconds(5),
            FaultInjectionHook = workerHook ?? NoFaultInjection.Instance,
            TimeProvider = clock ?? TimeProvider.System,
        });
        await worker.StartAsync();
        var client = new DurableTaskClient(service, new DurableTaskClientOptions { TimeProvider = clock ?? TimeProvider.System, PollingInterval = TimeSpan.FromMilliseconds(250) });
        return new WorkerHost(service, worker, client);
    }

    /// <summary>Waits until every listed instance has finished; fails with the stragglers' ids after the timeout.</summary>
    public Task<Dictionary<string, OrchestrationState>> WaitForAllAsync(IReadOnlyCollection<string> instanceIds, TimeSpan timeout) =>
        WaitForAllAsync(this.Service, instanceIds, timeout);

    /// <summary>Waits until every listed instance of a task hub has finished, polling one query per half second.</summary>
    public static async Task<Dictionary<string, OrchestrationState>> WaitForAllAsync(IOrchestrationServiceClient service, IReadOnlyCollection<string> instanceIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var finished = new Dictionary<string, OrchestrationState>(StringComparer.Ordinal);
        while (true)
        {
            string? token = null;
            do
            {
                var page = await service.QueryInstancesAsync(new InstanceQuery { PageSize = 1000, ContinuationToken = token, FetchInputsAndOutputs = true }, CancellationToken.None);
                foreach (var state in page.Instances.Where(s => s.RuntimeStatus.IsTerminal()))
                {
                    finished[state.InstanceId] = state;
                }

                token = page.ContinuationToken;
            }
            while (token is not null);

            var missing = instanceIds.Where(id => !finished.ContainsKey(id)).ToList();
            if (missing.Count == 0)
            {
                return finished;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{missing.Count} instances did not finish, e.g. {string.Join(", ", missing.Take(5))}.");
            }

            await Task.Delay(500);
        }
    }

    public async ValueTask DisposeAsync() => await this.Worker.DisposeAsync();
}
