using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using BrandFlow.Hosting;

namespace BrandFlow.App.Hosting;

/// <summary>
/// A server that listens nowhere: the command-line verbs start the app's hosted services (award stores, the durable
/// engine's client side) without opening an HTTP port next to a running `serve`.
/// </summary>
internal sealed class NoListeningServer : IServer
{
    /// <inheritdoc/>
    public IFeatureCollection Features { get; } = new FeatureCollection();

    /// <inheritdoc/>
    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
