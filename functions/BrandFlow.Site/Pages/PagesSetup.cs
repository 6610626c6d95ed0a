using System.Text.Encodings.Web;
using System.Text.Unicode;
using BrandFlow.Site.Pages.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.WebEncoders;

namespace BrandFlow.Site.Pages;

/// <summary>Registers and maps BrandFlow's server-rendered pages (Razor Pages) and static files.</summary>
public static class PagesSetup
{
    /// <summary>Registers the services.</summary>
    public static WebApplicationBuilder AddBrandFlowPages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<UiLanguage>();
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages(options => options.Conventions.ConfigureFilter(new PageErrorFilter()))
            .ConfigureApplicationPartManager(manager =>
            {
                // The pages live in this assembly; a host whose entry assembly is another one (a test host) must still find them.
                var assembly = typeof(PagesSetup).Assembly;
                if (!manager.ApplicationParts.OfType<AssemblyPart>().Any(part => part.Assembly == assembly))
                {
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    {
                        manager.ApplicationParts.Add(part);
                    }
                }
            });
        return builder;
    }

    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapBrandFlowPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<LanguageMiddleware>();
        app.UseStaticFiles();
        app.MapRazorPages();
        return app;
    }
}
