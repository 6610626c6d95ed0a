using BrandFlow.Awards.Services;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BrandFlow.Hosting.Access;

/// <summary>Cookie authentication, authorization and anti-forgery for the pages and the API.</summary>
public static class AccessSetup
{
    /// <summary>Registers the session cookie (Secure in production) and anti-forgery; API paths get 401/403 ProblemDetails, not redirects.</summary>
    public static IHostApplicationBuilder AddBrandFlowAccess(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthentication(Session.Scheme).AddCookie(Session.Scheme, o =>
        {
            o.Cookie.Name = "brandflow.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/signin";

            // Sessions run on the wall clock even when tests move the application's clock forward by days.
            o.TimeProvider = TimeProvider.System;
            o.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = context => IsApi(context.Request)
                    ? ApiProblems.WriteAsync(context.HttpContext, AwardsErrors.NotSignedIn())
                    : RedirectAsync(context),
                OnRedirectToAccessDenied = context => IsApi(context.Request)
                    ? ApiProblems.WriteAsync(context.HttpContext, AwardsErrors.Forbidden())
                    : RedirectAsync(context),
            };
        });

        // Secure cookies in production, decided by the final environment (a test host sets it after this call).
        builder.Services.AddOptions<CookieAuthenticationOptions>(Session.Scheme).Configure<IHostEnvironment>((o, environment) =>
            o.Cookie.SecurePolicy = environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        builder.Services.AddAuthorization();

        // Authorization's policy cache reads the endpoint data sources: a host without a web server of its own (the
        // command line, the Functions worker) registers them too, or a validating service provider refuses to build.
        builder.Services.AddRouting();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "brandflow.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;

            // Not "Always": behind the Functions host the app sees plain HTTP and antiforgery would refuse to work;
            // this cookie is no credential (it only pairs with the form field), the session cookie is the Secure one.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
            o.HeaderName = "X-CSRF-TOKEN";
        });
        return builder;
    }

    /// <summary>Adds the authentication, authorization and anti-forgery middleware.</summary>
    public static WebApplication UseBrandFlowAccess(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task RedirectAsync(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
