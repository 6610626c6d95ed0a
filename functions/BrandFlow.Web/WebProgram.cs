using BrandFlow.Hosting;
using BrandFlow.Site;

namespace BrandFlow.Web;

/// <summary>Entry point of the web app for Azure.</summary>
public static class WebProgram
{
    /// <summary>Builds and runs the web app.</summary>
    public static async Task Main(string[] args)
    {
        var app = Build(args);
        await app.RunAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Builds the web app: the site's composition with the Azure requirements (shared key ring, no development parts)
    /// as a durable client only. Tests build it to list its endpoints.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = SiteComposition.WebRoot,
        });
        builder.AddBrandFlowSite(HostRequirements.Azure, processWork: false);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapBrandFlowSite();
        return app;
    }
}
