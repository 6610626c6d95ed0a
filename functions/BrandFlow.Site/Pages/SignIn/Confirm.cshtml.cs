using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Services;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.SignIn;

/// <summary>
/// The page a sign-in email links to. The GET only shows whom the link signs in (mail scanners follow links);
/// the POST uses the one-time link and starts the session.
/// </summary>
public sealed class ConfirmModel : BrandFlowPage
{
    /// <summary>The token from the emailed link.</summary>
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? T { get; set; }

    /// <summary>What the link is for.</summary>
    public SignInLinkView? Link { get; private set; }

    /// <summary>Why the link cannot be used ("中文 / English").</summary>
    public string? Problem { get; private set; }

    /// <summary>Shows whom the link signs in; no side effect.</summary>
    public void OnGet()
    {
        this.Link = this.Awards.DescribeSignInLink(this.T);
        if (!this.Link.Valid)
        {
            this.Problem = $"{this.Link.MessageZh} / {this.Link.MessageEn}";
        }
    }

    /// <summary>Uses the link and signs in.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var account = await this.Awards.CompleteSignInAsync(this.T, this.HttpContext.RequestAborted);
            await SignInSession.StartAsync(this.HttpContext, account);
            var back = this.Request.Cookies[SignInSession.ReturnCookie];
            this.Response.Cookies.Delete(SignInSession.ReturnCookie);
            this.Flash($"欢迎，{account.DisplayName}", $"Welcome, {account.DisplayName}");
            return this.LocalRedirect(back is { Length: > 0 } && this.Url.IsLocalUrl(back) ? back : SignInSession.HomeOf(account));
        }
        catch (AwardsException refusal) when (refusal.StatusCode is 400 or 409 or 410)
        {
            this.Problem = $"{refusal.MessageZh} / {refusal.MessageEn}";
            this.Link = null;
            return this.Page();
        }
    }
}
