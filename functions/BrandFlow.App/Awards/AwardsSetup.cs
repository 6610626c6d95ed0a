using System.Security.Cryptography;
using System.Text;
using BrandFlow.App.Access;
using BrandFlow.App.Hosting;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.Services;

namespace BrandFlow.App.Awards;

/// <summary>Registers and maps BrandFlow's award workflow services (durable worker, stores, API endpoints, sign-in and access).</summary>
public static class AwardsSetup
{
    /// <summary>
    /// Registers sign-in and access always; with a storage account configured also the award runtime (storage, durable
    /// backend, worker) and the service. Without storage the app serves the policy API only.
    /// </summary>
    public static WebApplicationBuilder AddBrandFlowAwards(this WebApplicationBuilder builder)
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
        services.AddSingleton(sp => Options(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => new SignedLinks(
            SigningKey(sp.GetRequiredService<AwardsHostOptions>().Value, sp.GetRequiredService<IHostEnvironment>()), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<AwardsHostOptions>().Value;
            return new AwardsServiceOptions { PublicBaseUrl = new Uri(options.PublicBaseUrl, UriKind.Absolute), CalendarSeedPath = CalendarSeed(options) };
        });
        services.AddSingleton(sp => new AwardsRuntime(
            sp.GetRequiredService<AwardsHostOptions>().Value,
            sp.GetRequiredService<BrandFlow.Policy.Catalog.PolicyCatalog>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<SignedLinks>(),
            sp.GetRequiredService<AwardsServiceOptions>(),
            sp,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<AwardsRuntime>());
        services.AddSingleton(sp => sp.GetRequiredService<AwardsRuntime>().Service);
        return builder;
    }

    /// <summary>Adds the access middleware and maps sign-in, the award API and (under Azure Functions) the queue triggers.</summary>
    public static WebApplication MapBrandFlowAwards(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseBrandFlowAccess();
        if (app.Services.GetService<AwardsRuntime>() is null)
        {
            return app;
        }

        var api = app.MapGroup("/api");
        api.AddEndpointFilter(ApiProblems.FilterAsync);
        app.MapSignIn(api);
        api.MapAwardsApi();
        if (!app.Services.GetRequiredService<AwardsHostOptions>().Value.Worker.Enabled)
        {
            app.MapQueueTriggers();
        }

        return app;
    }

    /// <summary>The "BrandFlow" section as the award runtime uses it (under the Functions host: no polling worker).</summary>
    private static AwardsHostOptions Options(IConfiguration configuration)
    {
        var options = configuration.GetSection("BrandFlow").Get<BrandFlowOptions>() ?? new BrandFlowOptions();
        if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 })
        {
            options.Worker.Enabled = false;
        }

        return new AwardsHostOptions(options);
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
