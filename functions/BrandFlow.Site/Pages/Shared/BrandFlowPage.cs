using BrandFlow.Hosting.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandFlow.Site.Pages.Shared;

/// <summary>
/// Base of BrandFlow's page models: the facade (every rule and access check lives there, never in a page), the
/// signed-in account, the page language, and the mapping of the facade's refusals onto form fields.
/// </summary>
public abstract class BrandFlowPage : PageModel
{
    /// <summary>The award service facade.</summary>
    protected AwardsService Awards => this.HttpContext.RequestServices.GetRequiredService<AwardsService>();

    /// <summary>The page language.</summary>
    protected UiLanguage Lang => this.HttpContext.RequestServices.GetRequiredService<UiLanguage>();

    /// <summary>The signed-in account, read fresh from the directory once per request (null when no one is signed in).</summary>
    public Task<UserAccount?> AccountAsync() => Session.ActorAsync(this.HttpContext);

    /// <summary>
    /// Puts a refusal's messages next to the fields they concern ("中文 / English", split by the view); the facade's
    /// field paths are translated to form field names by <paramref name="fieldName"/>; unknown fields go to the summary.
    /// </summary>
    protected void ShowRefusal(AwardsException refusal, Func<string, string?>? fieldName = null)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        if (refusal.Errors.Count == 0)
        {
            this.ModelState.AddModelError(string.Empty, $"{refusal.MessageZh} / {refusal.MessageEn}");
            return;
        }

        foreach (var error in refusal.Errors)
        {
            var key = fieldName?.Invoke(error.Field) ?? string.Empty;
            this.ModelState.AddModelError(key, $"{error.MessageZh} / {error.MessageEn}");
        }
    }

    /// <summary>Adds a field error in both languages.</summary>
    protected void FieldError(string key, string zh, string en) => this.ModelState.AddModelError(key, $"{zh} / {en}");

    /// <summary>A one-time message for the next page ("中文 / English").</summary>
    protected void Flash(string zh, string en) => this.TempData["Flash"] = $"{zh} / {en}";
}
