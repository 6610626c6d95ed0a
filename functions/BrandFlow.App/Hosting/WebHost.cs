using BrandFlow.Hosting.Awards;
using BrandFlow.App.Mail;
using BrandFlow.Hosting.Mail;
using BrandFlow.App.Pages;
using BrandFlow.Hosting.Policy;
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
        var options = builder.Configuration.GetSection("BrandFlow").Get<BrandFlowOptions>() ?? new BrandFlowOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(await CatalogSourceFactory.ReadAsync(options, TimeProvider.System).ConfigureAwait(false));
        builder.Services.AddProblemDetails();
        builder.AddBrandFlowMail();
        builder.AddBrandFlowAwards();
        builder.AddBrandFlowPages();

        // Azure Functions custom handlers tell the app which port to listen on.
        if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }

        return builder;
    }

    /// <summary>Maps health and API endpoints.</summary>
    public static WebApplication MapBrandFlow(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var catalog = app.Services.GetRequiredService<PolicyCatalog>();
        app.UseExceptionHandler();
        app.MapGet("/health", () => Results.Ok(new { status = "ok", documents = catalog.Documents.Count, clauses = catalog.Clauses.Count() }));
        app.MapPolicyEndpoints();
        app.MapBrandFlowMail();
        app.MapBrandFlowAwards();
        app.MapBrandFlowPages();
        return app;
    }
}
