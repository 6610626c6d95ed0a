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
/// loopback Kestrel. Registered before the Durable worker, so the host starts it first and stops it last: the worker's
/// stream is closed before the sidecar's dispatchers are cancelled.
/// </summary>
internal sealed class LocalSidecarService(
    IOptions<LocalEngineOptions> options, LocalSidecarEndpoint endpoint, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
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

    /// <summary>Stops the sidecar's dispatchers and web server, then the backend (releasing its partition leases).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (this.server is not null)
        {
            await this.server.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        if (this.backend is not null)
        {
            await this.backend.Service.StopAsync(isForced: false).ConfigureAwait(false);
        }

        Log.SidecarStopped(this.logger, watch.ElapsedMilliseconds);
    }

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
