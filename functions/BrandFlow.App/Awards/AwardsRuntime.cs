using BrandFlow.App.Hosting;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.AzureStorage;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;
using BrandFlow.Durable;
using BrandFlow.Durable.AzureStorage;
using BrandFlow.Durable.AzureStorage.Functions;
using BrandFlow.Durable.AzureStorage.Storage;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.Worker;
using BrandFlow.Policy.Catalog;

namespace BrandFlow.App.Awards;

/// <summary>
/// The award workflow's runtime in the app: award storage, the durable backend on Azure Storage, its client, the
/// registry of orchestrations, and (locally) a polling worker. Created when the host starts, before the first request;
/// stopped with the host. In Azure the worker is off and the Functions host's queue triggers call <see cref="Triggers"/>.
/// </summary>
public sealed partial class AwardsRuntime(
    BrandFlowOptions options,
    PolicyCatalog catalog,
    TimeProvider clock,
    SignedLinks links,
    AwardsServiceOptions serviceOptions,
    IServiceProvider services,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private AwardsService? service;
    private DurableTaskWorker? worker;
    private QueueTriggerHandler? triggers;
    private readonly UnconfiguredMail unconfiguredMail = new();

    /// <summary>The award service (once started).</summary>
    public AwardsService Service => this.service ?? throw NotStarted();

    /// <summary>The durable client (once started).</summary>
    public DurableTaskClient Client { get; private set; } = null!;

    /// <summary>The storage ports (once started).</summary>
    public AwardsPorts Ports { get; private set; } = null!;

    /// <summary>The durable backend (once started).</summary>
    public AzureStorageOrchestrationService Backend { get; private set; } = null!;

    /// <summary>The queue-trigger entry points for the Azure Functions host (once started).</summary>
    public QueueTriggerHandler Triggers => this.triggers ?? throw NotStarted();

    /// <summary>Creates storage, backend, client and registry; starts the polling worker when enabled.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = options.Storage!;
        var storage = await AwardsStorage.CreateAsync(connection, new AwardsStorageOptions { Prefix = options.StoragePrefix }, clock, cancellationToken);
        this.Ports = new AwardsPorts(
            storage.Applications, storage.Audit, storage.Ledger, storage.Directory, storage.Documents, storage.Evidence, storage.Tokens,
            services.GetService<IMailSender>() ?? this.unconfiguredMail, services.GetService<IMailFailureLog>() ?? this.unconfiguredMail);
        var backendOptions = new AzureStorageOrchestrationServiceOptions
        {
            TaskHubName = options.TaskHub,
            TimeProvider = clock,
            MaxVisibilityDelay = TimeSpan.FromSeconds(Math.Clamp(options.Worker.MaxTimerDelaySeconds, 1, (int)AzureStorageOrchestrationServiceOptions.AzureMaxVisibility.TotalSeconds)),
            StateCacheSize = Math.Max(0, options.Worker.StateCacheSize),
        };
        this.Backend = new AzureStorageOrchestrationService(StorageClients.FromConnectionString(connection), backendOptions, loggerFactory);
        await this.Backend.CreateIfNotExistsAsync(cancellationToken);
        this.Client = new DurableTaskClient(this.Backend, new DurableTaskClientOptions { TimeProvider = clock, PollingInterval = TimeSpan.FromMilliseconds(250) });
        this.service = new AwardsService(this.Ports, this.Client, catalog, links, clock, serviceOptions, loggerFactory.CreateLogger<AwardsService>());

        var registry = this.CreateRegistry(storage);
        var workerOptions = new DurableTaskWorkerOptions
        {
            TimeProvider = clock,
            MaxPollingInterval = TimeSpan.FromMilliseconds(Math.Max(50, options.Worker.MaxPollingMilliseconds)),
            ShutdownGracePeriod = TimeSpan.FromSeconds(5),
        };
        this.triggers = new QueueTriggerHandler(
            this.Backend,
            new OrchestrationDispatcher(this.Backend, registry, workerOptions, loggerFactory).ProcessOrchestrationWorkItemAsync,
            new ActivityDispatcher(this.Backend, registry, workerOptions, loggerFactory).ProcessActivityWorkItemAsync,
            loggerFactory);
        if (options.Worker.Enabled)
        {
            this.worker = new DurableTaskWorker(this.Backend, registry, workerOptions, loggerFactory);
            await this.worker.StartAsync(cancellationToken);
        }
    }

    /// <summary>Stops the polling worker (in-flight work finishes within the grace period).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (this.worker is { } running)
        {
            this.worker = null;
            await running.StopAsync(cancellationToken);
            await running.DisposeAsync();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await this.StopAsync(CancellationToken.None);

    private static InvalidOperationException NotStarted() =>
        new("BrandFlow 工作流尚未启动 / the BrandFlow award runtime has not started");
}
