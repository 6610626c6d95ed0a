using BrandFlow.Hosting.Access;
using BrandFlow.Hosting.Awards;
using BrandFlow.Hosting.Mail;
using BrandFlow.Hosting.Telemetry;
using BrandFlow.Policy.Catalog;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BrandFlow.Hosting;

/// <summary>
/// The one composition of BrandFlow every host runs (the Functions app, the web app for Azure, the local host): options
/// bound once from the final configuration and validated when the host starts, the storage connection, the policy catalog
/// (read at start-up), mail, sign-in and access with a shared key ring, the award stores and service, telemetry. Hosts add
/// only what is theirs: function wrappers, pages, the durable engine, development-only parts.
/// </summary>
public static class BrandFlowComposition
{
    /// <summary>Registers everything shared; <paramref name="requirements"/> says what this host must have beyond it.</summary>
    public static IHostApplicationBuilder AddBrandFlow(this IHostApplicationBuilder builder, HostRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBrandFlowSettings(requirements);
        var services = builder.Services;

        // The catalog is read when the host starts (first of its hosted services), so a bad or missing catalog fails
        // start-up, not a request.
        services.AddSingleton<PolicyCatalogLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<PolicyCatalogLoader>());
        services.AddSingleton<PolicyCatalog>(sp => sp.GetRequiredService<PolicyCatalogLoader>().Catalog);
        services.AddProblemDetails();

        builder.AddBrandFlowTelemetry();
        builder.AddBrandFlowKeyRing();
        builder.AddBrandFlowMailSender();
        builder.AddBrandFlowAwards();
        return builder;
    }

    /// <summary>
    /// The settings alone: <see cref="BrandFlowOptions"/> and <see cref="MailOptions"/> bound from the final configuration
    /// and validated when the host starts, the <see cref="StorageConnection"/>, the clock. Part of
    /// <see cref="AddBrandFlow"/>; on its own for tests of one part.
    /// </summary>
    public static IHostApplicationBuilder AddBrandFlowSettings(this IHostApplicationBuilder builder, HostRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(requirements);
        var services = builder.Services;
        services.AddSingleton(requirements);
        services.AddOptions<BrandFlowOptions>().BindConfiguration(BrandFlowOptions.Section).ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration(BrandFlowOptions.Section + ":Mail").ValidateOnStart();
        services.TryAddSingleton<BrandFlowOptionsValidation>();
        services.AddSingleton<IValidateOptions<BrandFlowOptions>>(sp => sp.GetRequiredService<BrandFlowOptionsValidation>());
        services.AddSingleton<IValidateOptions<MailOptions>>(sp => sp.GetRequiredService<BrandFlowOptionsValidation>());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BrandFlowOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value);

        // Validated on start with the options above, so by the time anything resolves it the setting is known to be good.
        services.AddSingleton(sp => StorageConnection.FromConfiguration(sp.GetRequiredService<IConfiguration>())
            ?? throw new InvalidOperationException($"{StorageConnection.Name} 未设置 / {StorageConnection.Name} is not set"));
        services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}

/// <summary>Reads the policy catalog from its table when the host starts.</summary>
public sealed class PolicyCatalogLoader(StorageConnection storage, BrandFlowOptions options, TimeProvider clock) : IHostedService
{
    private PolicyCatalog? catalog;

    /// <summary>The catalog (once the host has started).</summary>
    public PolicyCatalog Catalog => this.catalog
        ?? throw new InvalidOperationException("政策目录尚未读取（主机未启动） / The policy catalog has not been read (the host has not started)");

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken) =>
        this.catalog ??= await CatalogSourceFactory.Store(storage, options, clock).ReadCatalogAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
