using System.Security.Cryptography;
using System.Text;
using BrandFlow.Hosting.Access;
using BrandFlow.Hosting;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using BrandFlow.Engine.Local;
using BrandFlow.Policy.Catalog;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BrandFlow.Hosting.Awards;

/// <summary>Registers and maps BrandFlow's award workflow services (durable engine, stores, API endpoints, sign-in and access).</summary>
public static class AwardsSetup
{
    /// <summary>
    /// Registers sign-in and access always; with a storage account configured also the award stores, the durable engine
    /// (worker unless BrandFlow:Worker:Enabled is false, and client) and the service. Without storage the app serves the
    /// policy API only.
    /// </summary>
    /// <param name="builder">The host's builder (a web application or the Functions worker).</param>
    /// <param name="localEngine">
    /// Run the durable client (and, unless BrandFlow:Worker:Enabled is false, the worker) on the local engine. The Azure
    /// Functions app passes false: its orchestrations run on the Durable extension and its client comes with each call
    /// (<see cref="AwardsServiceFactory"/>).
    /// </param>
    public static IHostApplicationBuilder AddBrandFlowAwards(this IHostApplicationBuilder builder, bool localEngine = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBrandFlowAccess();
        if (string.IsNullOrWhiteSpace(builder.Configuration["BrandFlow:Storage"]))
        {
            return builder;
        }

        // Without a signing key links could not be trusted across restarts or instances: in production the award
        // features then stay off (the policy API is still served); elsewhere a random per-process key is used.
        if (string.IsNullOrWhiteSpace(builder.Configuration["BrandFlow:Links:SigningKey"]) && builder.Environment.IsProduction())
        {
            Console.Error.WriteLine("[brandflow] BrandFlow:Links:SigningKey 未配置：申报功能未启用 / not configured: award features are off");
            return builder;
        }

        // Everything else is read when the services are first resolved, from the final configuration (so a host or
        // test can still add settings after this call), and the environment is the final one too.
        var services = builder.Services;
        services.AddSingleton(sp => new AwardsHostOptions(sp.GetRequiredService<IConfiguration>().GetSection("BrandFlow").Get<BrandFlowOptions>() ?? new BrandFlowOptions()));
        services.AddSingleton(sp => new SignedLinks(
            SigningKey(sp.GetRequiredService<AwardsHostOptions>().Value, sp.GetRequiredService<IHostEnvironment>()), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<AwardsHostOptions>().Value;
            return new AwardsServiceOptions { PublicBaseUrl = new Uri(options.PublicBaseUrl, UriKind.Absolute), CalendarSeedPath = CalendarSeed(options) };
        });
        services.AddSingleton(sp => new WorkflowLinks(sp.GetRequiredService<AwardsServiceOptions>().PublicBaseUrl));
        services.AddAwardPorts();
        services.AddSingleton(sp => new StoredWorkingDayCalendar(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<AwardsServiceOptions>()));
        services.AddSingleton<IWorkingDayCalendarSource>(sp => sp.GetRequiredService<StoredWorkingDayCalendar>());
        services.AddSingleton<AwardsServiceFactory>();
        services.AddAwardWorkflowServices();
        if (!localEngine)
        {
            return builder;
        }

        services.AddSingleton(sp => sp.GetRequiredService<AwardsServiceFactory>().Create(sp.GetRequiredService<DurableTaskClient>()));

        // The official Durable Task worker and client over the local engine (DurableTask.AzureStorage on the same
        // account). Whether this process runs work decides what is registered, so it is read now; everything else
        // comes from the final configuration when the engine starts.
        var processWork = builder.Configuration.GetValue("BrandFlow:Worker:Enabled", defaultValue: true);
        services.AddLocalDurableEngine(engine => engine.ProcessWork = processWork, tasks => tasks.AddAwardWorkflow());
        services.AddOptions<LocalEngineOptions>().Configure<AwardsHostOptions>((engine, host) =>
        {
            engine.StorageConnectionString = host.Value.Storage;
            engine.TaskHubName = host.Value.TaskHub;
            engine.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(Math.Max(100, host.Value.Worker.MaxPollingMilliseconds));
            engine.PartitionCount = host.Value.Worker.PartitionCount;
            if (host.Value.Worker.Id is { Length: > 0 } workerId)
            {
                engine.WorkerId = workerId;
            }

            if (host.Value.Worker.ControlQueueVisibilitySeconds > 0)
            {
                engine.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(host.Value.Worker.ControlQueueVisibilitySeconds);
            }

            if (host.Value.Worker.WorkItemVisibilitySeconds > 0)
            {
                engine.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(host.Value.Worker.WorkItemVisibilitySeconds);
            }
        });
        return builder;
    }

    /// <summary>
    /// The storage ports: created once by <see cref="AwardStores"/> when the host starts (before the durable engine, which
    /// is registered after it); the mail sender and failure log are the mail setup's, or <see cref="UnconfiguredMail"/>.
    /// </summary>
    private static IServiceCollection AddAwardPorts(this IServiceCollection services)
    {
        services.AddSingleton<AwardStores>();
        services.AddHostedService(sp => sp.GetRequiredService<AwardStores>());
        services.AddSingleton(sp => sp.GetRequiredService<AwardStores>().Storage.Applications);
        services.AddSingleton(sp => sp.GetRequiredService<AwardStores>().Storage.Audit);
        services.AddSingleton(sp => sp.GetRequiredService<AwardStores>().Storage.Ledger);
        services.AddSingleton(sp => sp.GetRequiredService<AwardStores>().Storage.Claims);
        services.AddSingleton(sp => sp.GetRequiredService<AwardStores>().Storage.Directory);
        services.AddSingleton(sp => sp.GetRequiredService<AwardStores>().Storage.Documents);
        services.AddSingleton<IEvidenceStore>(sp => sp.GetRequiredService<AwardStores>().Storage.Evidence);
        services.AddSingleton(sp => sp.GetRequiredService<AwardStores>().Storage.Tokens);
        services.TryAddSingleton<UnconfiguredMail>();
        services.TryAddSingleton<IMailSender>(sp => sp.GetRequiredService<UnconfiguredMail>());
        services.TryAddSingleton<IMailFailureLog>(sp => sp.GetRequiredService<UnconfiguredMail>());
        services.AddSingleton(sp => new AwardsPorts(
            sp.GetRequiredService<IApplicationStore>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<IAwardLedger>(),
            sp.GetRequiredService<IDirectory>(),
            sp.GetRequiredService<IDocumentStore>(),
            sp.GetRequiredService<IEvidenceStore>(),
            sp.GetRequiredService<IOneTimeTokenStore>(),
            sp.GetRequiredService<IMailSender>(),
            sp.GetRequiredService<IMailFailureLog>()));
        return services;
    }

    /// <summary>Adds the access middleware and maps the sign-in form endpoints (when the award features are on).</summary>
    public static WebApplication MapBrandFlowAwards(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseBrandFlowAccess();
        if (app.Services.GetService<AwardStores>() is null)
        {
            return app;
        }

        app.MapSignIn();
        return app;
    }

    /// <summary>
    /// The link signing key: configured (base64, at least 32 bytes) or, outside production only, a random key for this
    /// process (links then stop working at restart).
    /// </summary>
    private static byte[] SigningKey(BrandFlowOptions options, IHostEnvironment environment)
    {
        if (options.Links.SigningKey is { Length: > 0 } configured)
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(configured);
            }
            catch (FormatException)
            {
                key = Encoding.UTF8.GetBytes(configured);
            }

            return key.Length >= 32
                ? key
                : throw new InvalidOperationException("BrandFlow:Links:SigningKey 至少需要 32 字节 / BrandFlow:Links:SigningKey must be at least 32 bytes");
        }

        return environment.IsProduction()
            ? throw new InvalidOperationException("生产环境必须配置 BrandFlow:Links:SigningKey / BrandFlow:Links:SigningKey is required in production")
            : RandomNumberGenerator.GetBytes(32);
    }

    private static string? CalendarSeed(BrandFlowOptions options)
    {
        try
        {
            return Path.Combine(options.ResolvePoliciesPath(), "calendar", "china-working-days.yaml");
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The award runtime's settings, bound from the final configuration (kept apart from the eagerly bound <see cref="BrandFlowOptions"/>).</summary>
    public sealed record AwardsHostOptions(BrandFlowOptions Value);
}
