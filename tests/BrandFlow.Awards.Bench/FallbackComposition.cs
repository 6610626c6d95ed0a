using System.Security.Cryptography;
using BrandFlow.App.Hosting;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.AzureStorage;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using BrandFlow.Durable;
using BrandFlow.Durable.AzureStorage;
using BrandFlow.Durable.AzureStorage.Storage;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.Worker;
using BrandFlow.Policy.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Bench;

/// <summary>
/// Used only while the app's own award hosting registers no <see cref="AwardsService"/>: composes the facade, the award
/// stores on Azure Storage and the in-process durable worker the way the architecture describes, so the benchmark can
/// run the workflow on Azurite. The report says which composition ran.
/// </summary>
internal static class FallbackComposition
{
    /// <summary>Task hub of the fallback worker.</summary>
    public const string TaskHub = "bfbench";

    /// <summary>Registers the composition when the app has not.</summary>
    public static async Task<bool> AddIfMissingAsync(IServiceCollection services, string storage, OffsetClock clock, TimeSpan maxVisibility)
    {
        if (services.Any(s => s.ServiceType == typeof(AwardsService)))
        {
            return false;
        }

        var awards = await AwardsStorage.CreateAsync(storage, new AwardsStorageOptions { Prefix = "bfbench" }, clock);
        var backend = new AzureStorageOrchestrationService(
            StorageClients.FromConnectionString(storage),
            new AzureStorageOrchestrationServiceOptions { TaskHubName = TaskHub, TimeProvider = clock, MaxVisibilityDelay = maxVisibility });
        await backend.CreateIfNotExistsAsync();
        var links = new SignedLinks(RandomNumberGenerator.GetBytes(32), clock);
        var client = new DurableTaskClient(backend, new DurableTaskClientOptions { TimeProvider = clock });
        services.AddSingleton(awards);
        services.AddSingleton(backend);
        services.AddSingleton(links);
        services.AddSingleton(client);
        services.AddSingleton(sp => new AwardsService(
            new AwardsPorts(awards.Applications, awards.Audit, awards.Ledger, awards.Directory, awards.Documents, awards.Evidence, awards.Tokens,
                sp.GetRequiredService<IMailSender>(), sp.GetRequiredService<IMailFailureLog>()),
            client,
            sp.GetRequiredService<PolicyCatalog>(),
            links,
            clock,
            new AwardsServiceOptions { CalendarSeedPath = Path.Combine(sp.GetRequiredService<BrandFlowOptions>().ResolvePoliciesPath(), "calendar", "china-working-days.yaml") },
            sp.GetRequiredService<ILogger<AwardsService>>()));
        services.AddHostedService(sp => new WorkerService(sp, awards, backend, links, clock));
        return true;
    }

    /// <summary>Runs the durable worker with the award workflow registered.</summary>
    private sealed class WorkerService(IServiceProvider services, AwardsStorage awards, AzureStorageOrchestrationService backend, SignedLinks links, OffsetClock clock) : IHostedService
    {
        private DurableTaskWorker? worker;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var facade = services.GetRequiredService<AwardsService>();
            var env = new AwardEnvironment
            {
                Catalog = services.GetRequiredService<PolicyCatalog>(),
                Directory = awards.Directory,
                Applications = awards.Applications,
                Ledger = awards.Ledger,
                Claims = awards.Claims,
                Audit = awards.Audit,
                Tokens = awards.Tokens,
                Evidence = awards.Evidence,
                Documents = awards.Documents,
                Mail = services.GetRequiredService<IMailSender>(),
                Calendar = facade.WorkingDaysAsync,
                Links = links,
                PublicBaseUri = facade.Options.PublicBaseUrl,
                Time = clock,
                LoggerFactory = services.GetRequiredService<ILoggerFactory>(),
            };
            var registry = AwardWorkflow.Register(new DurableTaskRegistry(), env);
            this.worker = new DurableTaskWorker(backend, registry, new DurableTaskWorkerOptions
            {
                TimeProvider = clock,
                MaxConcurrentOrchestrations = 16,
                MaxConcurrentActivities = 32,
                MaxPollingInterval = TimeSpan.FromSeconds(1),
            }, services.GetRequiredService<ILoggerFactory>());
            await this.worker.StartAsync(cancellationToken);
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (this.worker is not null)
            {
                await this.worker.DisposeAsync();
            }
        }
    }
}
