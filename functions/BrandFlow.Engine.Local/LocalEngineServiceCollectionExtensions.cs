using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BrandFlow.Engine.Local;

/// <summary>Registers the local Durable Task engine: gRPC sidecar, official worker and official client.</summary>
public static class LocalEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the sidecar (a hosted service on a free loopback h2c port), the official Durable worker with the given
    /// tasks (unless <see cref="LocalEngineOptions.ProcessWork"/> is false) and the official <see cref="DurableTaskClient"/>.
    /// Class-based tasks get their constructor dependencies from this container.
    /// </summary>
    public static IServiceCollection AddLocalDurableEngine(
        this IServiceCollection services, Action<LocalEngineOptions> configure, Action<DurableTaskRegistry> tasks)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(tasks);

        // ProcessWork decides what to register, so it is read here; the options themselves are bound once and
        // validated when the host starts.
        var probe = new LocalEngineOptions();
        configure(probe);
        services.AddOptions<LocalEngineOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalEngineOptions>, LocalEngineOptionsValidation>());
        services.TryAddSingleton<LocalSidecarEndpoint>();

        // Order matters: hosted services stop in reverse order, so the worker (added after) stops before the sidecar.
        services.AddHostedService<LocalSidecarService>();

        // DurableTask.AzureStorage only logs a message it cannot read or a history it cannot load, and retries for ever:
        // a logger provider counts those events (whatever the app's log filters say) and the guard acts on them.
        services.TryAddSingleton<BackendFailures>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, BackendFailureWatch>());
        services.Configure<LoggerFilterOptions>(filters => filters.Rules.Add(
            new LoggerFilterRule(typeof(BackendFailureWatch).FullName, BackendFailureWatch.Category, LogLevel.Warning, filter: null)));
        if (probe.ProcessWork)
        {
            services.AddHostedService<PoisonGuardService>();
        }

        if (probe.ProcessWork)
        {
            services.AddDurableTaskWorker(worker =>
            {
                worker.AddTasks(tasks);
                worker.UseGrpc();
            });
            services.AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName)
                .Configure<LocalSidecarEndpoint>((grpc, endpoint) => grpc.Channel = endpoint.Channel);
        }

        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc();
            client.RegisterDirectly();
        });
        services.AddOptions<GrpcDurableTaskClientOptions>(Options.DefaultName)
            .Configure<LocalSidecarEndpoint>((grpc, endpoint) => grpc.Channel = endpoint.Channel);
        return services;
    }
}
