using System.Diagnostics;
using System.Net;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BrandFlow.Engine.Local;

/// <summary>
/// Runs the InProcessTestHost's gRPC sidecar (<see cref="TaskHubGrpcServer"/>) over the configured backend on a private
/// loopback Kestrel. Shutdown runs in three steps: <see cref="StoppingAsync"/> (before any hosted service stops) drains
/// the backend while the worker still answers, so messages already fetched into memory are processed instead of staying
/// invisible for the control-queue visibility timeout; the worker (registered after this service) stops next; then
/// <see cref="StopAsync"/> stops Kestrel and abandons whatever the worker left unanswered.
/// </summary>
internal sealed class LocalSidecarService(
    IOptions<LocalEngineOptions> options, LocalSidecarEndpoint endpoint, ILoggerFactory loggerFactory) : IHostedLifecycleService, IAsyncDisposable
{
    private readonly ILogger logger = loggerFactory.CreateLogger<LocalSidecarService>();
    private LocalBackend? backend;
    private WebApplication? server;

    /// <summary>Creates the task hub if needed and starts listening.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        this.backend = LocalBackend.Create(settings, loggerFactory);
        await this.backend.Service.CreateIfNotExistsAsync().ConfigureAwait(false);

        var mode = settings.ProcessWork ? TaskHubGrpcServerMode.ApiServerAndDispatcher : TaskHubGrpcServerMode.ApiServerOnly;
        this.server = this.BuildServer(this.backend, mode, settings.SidecarShutdownTimeout);
        await this.server.StartAsync(cancellationToken).ConfigureAwait(false);
        Log.SidecarStarted(this.logger, endpoint.Address.ToString(), this.backend.Name, settings.TaskHubName, mode.ToString());
    }

    /// <inheritdoc/>
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Drains the backend and releases its partition leases while the worker is still connected.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (this.backend is not null)
        {
            var watch = Stopwatch.StartNew();
            await this.backend.Service.StopAsync(isForced: false).WaitAsync(cancellationToken).ConfigureAwait(false);
            Log.BackendDrained(this.logger, watch.ElapsedMilliseconds);
        }
    }

    /// <summary>Runs after the worker has stopped: stops the sidecar's dispatchers and web server, abandons leftovers.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (this.server is not null)
        {
            await this.server.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        if (this.backend is not null)
        {
            await this.backend.Service.AbandonInFlightAsync().ConfigureAwait(false);
        }

        Log.SidecarStopped(this.logger, watch.ElapsedMilliseconds);
    }

    /// <inheritdoc/>
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (this.server is not null)
        {
            await this.server.DisposeAsync().ConfigureAwait(false);
        }

        if (this.backend is not null)
        {
            await this.backend.Service.DisposeAsync().ConfigureAwait(false);
        }
    }

    private WebApplication BuildServer(LocalBackend local, TaskHubGrpcServerMode mode, TimeSpan shutdownTimeout)
    {
        // An empty builder: the sidecar must not pick up the application's configuration (URLs, environment, logging).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, endpoint.Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddLogging();
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = shutdownTimeout);
        builder.Services.Configure<TaskHubGrpcServerOptions>(server => server.Mode = mode);
        builder.Services.AddSingleton<IOrchestrationService>(local.Service);
        builder.Services.AddSingleton(local.Client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();

        var app = builder.Build();
        app.UseRouting();
        app.MapGrpcService<TaskHubGrpcServer>();
        return app;
    }
}
