using BrandFlow.Site.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.SignIn;

/// <summary>Ends the session (a POST; the GET only shows the button).</summary>
public sealed class SignOutModel : BrandFlowPage
{
    /// <summary>Shows the button.</summary>
    public void OnGet()
    {
    }

    /// <summary>Signs out.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await SignInSession.EndAsync(this.HttpContext);
        this.Flash("已退出登录", "You have signed out");
        return this.LocalRedirect("/");
    }
}
