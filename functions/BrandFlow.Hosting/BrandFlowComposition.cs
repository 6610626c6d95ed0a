using BrandFlow.Policy.Catalog;

namespace BrandFlow.Hosting;

/// <summary>What every BrandFlow host registers first: options, the clock and the policy catalog.</summary>
public static class BrandFlowComposition
{
    /// <summary>
    /// Adds the options (section "BrandFlow"), the system clock and the policy catalog, read once at start-up so that a
    /// bad catalog fails start-up, not a request.
    /// </summary>
    public static async Task<BrandFlowOptions> AddBrandFlowCoreAsync(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection("BrandFlow").Get<BrandFlowOptions>() ?? new BrandFlowOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PolicyCatalog>(await CatalogSourceFactory.ReadAsync(options, TimeProvider.System).ConfigureAwait(false));
        builder.Services.AddProblemDetails();
        return options;
    }
}
