using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using BrandFlow.Engine.Local;
using BrandFlow.Hosting;
using BrandFlow.Hosting.Api;
using BrandFlow.Hosting.Awards;
using BrandFlow.Policy.Catalog;
using BrandFlow.Site.Pages;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Site;

/// <summary>
/// A web host of BrandFlow: the shared composition (<see cref="BrandFlowComposition.AddBrandFlow"/>), the pages and
/// static files, the JSON API, and the official <see cref="DurableTaskClient"/> over DurableTask.AzureStorage on the task
/// hub (BrandFlow.Engine.Local). The local host also runs the hub's work in this process; the web app for Azure does
/// not: the Function App runs every orchestration and activity, the web app only starts and signals them.
/// </summary>
public static class SiteComposition
{
    /// <summary>The web root every web host serves: the site's assets copied next to the host's binaries.</summary>
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Registers the site; <paramref name="processWork"/> also runs orchestrations and activities here.</summary>
    public static WebApplicationBuilder AddBrandFlowSite(this WebApplicationBuilder builder, HostRequirements requirements, bool processWork)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBrandFlow(requirements);
        builder.AddBrandFlowPages();
        builder.AddBrandFlowDurableEngine(processWork);
        return builder;
    }

    /// <summary>
    /// Registers the official <see cref="DurableTaskClient"/> on the task hub (the local engine's gRPC sidecar over
    /// DurableTask.AzureStorage, identity-based or by connection string), the award service over it and, with
    /// <paramref name="processWork"/>, the worker that runs the award workflow's orchestrations and activities. Also used
    /// by the command-line verbs (client only).
    /// </summary>
    public static IHostApplicationBuilder AddBrandFlowDurableEngine(this IHostApplicationBuilder builder, bool processWork)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(sp => sp.GetRequiredService<AwardsServiceFactory>().Create(sp.GetRequiredService<DurableTaskClient>()));
        services.AddLocalDurableEngine(engine => engine.ProcessWork = processWork, tasks => tasks.AddAwardWorkflow());
        services.AddOptions<LocalEngineOptions>().Configure<BrandFlowOptions, StorageConnection>((engine, options, storage) =>
        {
            if (storage.ConnectionString is { } connection)
            {
                engine.StorageConnectionString = connection;
            }
            else
            {
                engine.StorageIdentity = (storage.BlobServiceUri, storage.QueueServiceUri, storage.TableServiceUri, storage.Credential!);
            }

            engine.TaskHubName = options.TaskHub;
            engine.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(options.Worker.MaxPollingMilliseconds);
            engine.PartitionCount = options.Worker.PartitionCount;
            if (options.Worker.Id is { Length: > 0 } workerId)
            {
                engine.WorkerId = workerId;
            }

            if (options.Worker.ControlQueueVisibilitySeconds > 0)
            {
                engine.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(options.Worker.ControlQueueVisibilitySeconds);
            }

            if (options.Worker.WorkItemVisibilitySeconds > 0)
            {
                engine.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(options.Worker.WorkItemVisibilitySeconds);
            }
        });
        return builder;
    }

    /// <summary>Maps health, sign-in, the JSON API, the pages and static files.</summary>
    public static WebApplication MapBrandFlowSite(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.MapGet("/health", (PolicyCatalog catalog) => Results.Ok(new { status = "ok", documents = catalog.Documents.Count, clauses = catalog.Clauses.Count() }));
        app.MapBrandFlowAwards();
        app.MapBrandFlowApi();
        app.MapBrandFlowPages();
        return app;
    }
}
