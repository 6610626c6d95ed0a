using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Services;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.SignIn;

/// <summary>Asks for a sign-in link by email (the answer never reveals whether an address is registered).</summary>
public sealed class RequestModel(IWebHostEnvironment environment) : BrandFlowPage
{
    private readonly IWebHostEnvironment environment = environment;

    /// <summary>Email typed.</summary>
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>Where to go after signing in (local paths only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>True once the request was accepted.</summary>
    public bool Sent { get; private set; }

    /// <summary>True when the local mailbox page exists (not in production).</summary>
    public bool DevMailbox => !this.environment.IsProduction() || this.HttpContext.RequestServices.GetService<Microsoft.AspNetCore.Routing.EndpointDataSource>()?
        .Endpoints.OfType<RouteEndpoint>().Any(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("dev/mailbox", StringComparison.Ordinal) == true) == true;

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Requests the link.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await this.Awards.RequestSignInLinkAsync(this.Email, this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode == StatusCodes.Status400BadRequest)
        {
            this.ShowRefusal(refusal, _ => nameof(this.Email));
            return this.Page();
        }

        if (!string.IsNullOrEmpty(this.ReturnUrl) && this.Url.IsLocalUrl(this.ReturnUrl))
        {
            // The emailed link knows nothing of where the person was going; keep it for the confirmation page.
            this.Response.Cookies.Append(SignInSession.ReturnCookie, this.ReturnUrl, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromMinutes(20) });
        }

        this.Sent = true;
        return this.Page();
    }
}
