using BrandFlow.Hosting.Awards;
using BrandFlow.App.Mail;
using BrandFlow.Hosting.Mail;
using BrandFlow.App.Pages;
using BrandFlow.Hosting.Api;
using BrandFlow.Policy.Catalog;
using BrandFlow.Hosting;

namespace BrandFlow.App.Hosting;

/// <summary>Registers BrandFlow's services and endpoints on the web application.</summary>
public static class WebHost
{
    /// <summary>Adds options, clock and the policy catalog, read once at start-up so a bad catalog fails start-up, not a request.</summary>
    public static async Task<WebApplicationBuilder> AddBrandFlowAsync(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        await builder.AddBrandFlowCoreAsync().ConfigureAwait(false);
        builder.AddBrandFlowMail();
        builder.AddBrandFlowAwards();
        builder.AddBrandFlowPages();

        return builder;
    }

    /// <summary>Maps health and API endpoints.</summary>
    public static WebApplication MapBrandFlow(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var catalog = app.Services.GetRequiredService<PolicyCatalog>();
        app.UseExceptionHandler();
        app.MapGet("/health", () => Results.Ok(new { status = "ok", documents = catalog.Documents.Count, clauses = catalog.Clauses.Count() }));
        app.MapBrandFlowMail();
        app.MapBrandFlowAwards();
        app.MapBrandFlowApi(awards: app.Services.GetService<AwardStores>() is not null);
        app.MapBrandFlowPages();
        return app;
    }
}
