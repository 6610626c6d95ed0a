using System.Security.Cryptography;
using BrandFlow.Hosting.Access;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using BrandFlow.Policy.Catalog;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BrandFlow.Hosting.Awards;

/// <summary>Registers and maps BrandFlow's award services (stores, service factory, sign-in and access).</summary>
public static class AwardsSetup
{
    /// <summary>
    /// Registers sign-in and access, the award stores on the storage connection, the service factory and the workflow's
    /// services. The durable client (and worker) are the host's: the Functions app gets its client with each call, the
    /// web hosts register the engine (BrandFlow.Site). Settings come from the validated <see cref="BrandFlowOptions"/>.
    /// </summary>
    public static IHostApplicationBuilder AddBrandFlowAwards(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBrandFlowAccess();
        var services = builder.Services;
        services.AddSingleton(sp => new SignedLinks(
            SigningKey(sp.GetRequiredService<BrandFlowOptions>()), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<BrandFlowOptions>();
            return new AwardsServiceOptions { PublicBaseUrl = new Uri(options.PublicBaseUrl, UriKind.Absolute), CalendarSeedPath = CalendarSeed(options) };
        });
        services.AddSingleton(sp => new WorkflowLinks(sp.GetRequiredService<AwardsServiceOptions>().PublicBaseUrl));
        services.AddAwardPorts();
        services.AddSingleton(sp => new StoredWorkingDayCalendar(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<AwardsServiceOptions>()));
        services.AddSingleton<IWorkingDayCalendarSource>(sp => sp.GetRequiredService<StoredWorkingDayCalendar>());
        services.AddSingleton<AwardsServiceFactory>();
        services.AddAwardWorkflowServices();
        return builder;
    }

    /// <summary>
    /// The storage ports: created once by <see cref="AwardStores"/> when the host starts (before the durable engine, which
    /// is registered after it); the mail sender and failure log are the mail setup's.
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

    /// <summary>Adds the access middleware and maps the sign-in form endpoints.</summary>
    public static WebApplication MapBrandFlowAwards(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseBrandFlowAccess();
        app.MapSignIn();
        return app;
    }

    /// <summary>
    /// The link signing key: configured (base64, at least 32 bytes; start-up validation requires it in production for
    /// every host that sends mail) or, for a host that sends no links (the command line) and in development, a random key
    /// of this process (its links then stop working at restart).
    /// </summary>
    private static byte[] SigningKey(BrandFlowOptions options)
    {
        if (options.Links.SigningKey is { Length: > 0 } configured)
        {
            var key = BrandFlowOptionsValidation.KeyBytes(configured, allowText: true)!;
            return key.Length >= 32
                ? key
                : throw new InvalidOperationException("BrandFlow__Links__SigningKey 至少需要 32 字节 / BrandFlow__Links__SigningKey must be at least 32 bytes");
        }

        return RandomNumberGenerator.GetBytes(32);
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
}
