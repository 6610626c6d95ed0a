using BrandFlow.App.Mail;
using BrandFlow.Hosting;
using BrandFlow.Site;

namespace BrandFlow.App.Hosting;

/// <summary>
/// The local host: the site (pages, API, durable client) with the engine's work in this process (unless
/// BrandFlow:Worker:Enabled is false), plus what only a local run has: the SendGrid-compatible endpoint and development
/// mailbox, Azurite's Blob CORS for uploads.
/// </summary>
public static class WebHost
{
    /// <summary>Registers the local host's services.</summary>
    public static WebApplicationBuilder AddBrandFlowLocal(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBrandFlowSite(HostRequirements.Local, processWork: builder.Configuration.GetValue("BrandFlow:Worker:Enabled", defaultValue: true));
        builder.AddBrandFlowMail();
        builder.Services.AddHostedService<LocalUploadCors>();
        return builder;
    }

    /// <summary>Maps the site and the development mail endpoints.</summary>
    public static WebApplication MapBrandFlowLocal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapBrandFlowSite();
        app.MapBrandFlowMail();
        return app;
    }
}
