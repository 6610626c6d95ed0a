using BrandFlow.Engine.Bench.Tasks;
using BrandFlow.Engine.Local;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Engine.Bench;

/// <summary>A started host running the local engine with the benchmark's tasks on its own task hub; disposing stops it.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly IHost host;

    private BenchHost(IHost host, StorageRequestCounter counter)
    {
        this.host = host;
        this.Requests = counter;
    }

    /// <summary>The official client.</summary>
    public DurableTaskClient Client => this.host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Progress reported by the orchestrators of this host.</summary>
    public BenchProgress Progress => BenchProgress.Shared;

    /// <summary>Warm-up instances the hub already holds (completed before the measurement).</summary>
    public int WarmInstances { get; set; }

    /// <summary>Every storage request of this host's engine (worker side and the client's calls through the sidecar).</summary>
    public StorageRequestCounter Requests { get; }

    /// <summary>Starts a host on <paramref name="taskHub"/> with the profile's settings applied over the engine's defaults.</summary>
    public static async Task<BenchHost> StartAsync(string connection, string taskHub, EngineProfile profile, LogCapture logs, bool processWork = true)
    {
        var counter = new StorageRequestCounter();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddLocalDurableEngine(
            options =>
            {
                options.StorageConnectionString = connection;
                options.TaskHubName = taskHub;
                options.ProcessWork = processWork;
                options.ConfigureStorageClientOptions = counter.Attach;
                profile.Apply(options);
            },
            tasks =>
            {
                tasks.AddOrchestrator<ChainOrchestrator>();
                tasks.AddOrchestrator<FanOutOrchestrator>();
                tasks.AddOrchestrator<WaitForEventOrchestrator>();
                tasks.AddActivity<EchoActivity>();
            });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host, counter);
    }

    /// <summary>
    /// Waits until the task hub lists <paramref name="expected"/> completed instances (one instance-table query every half
    /// second), and returns the storage requests of those queries so the caller can leave them out of the engine's count.
    /// </summary>
    public async Task<long> ConfirmCompletedAsync(int expected, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var before = this.Requests.Snapshot();
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 1000 };
        while (true)
        {
            var completed = 0;
            await foreach (var _ in this.Client.GetAllInstancesAsync(query).WithCancellation(cancel.Token))
            {
                completed++;
            }

            if (completed >= expected + this.WarmInstances)
            {
                break;
            }

            await Task.Delay(500, cancel.Token);
        }

        return this.Requests.Snapshot().Since(before).Operations.GetValueOrDefault("table Instances query");
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await this.host.StopAsync(timeout.Token);
        this.host.Dispose();
    }
}
