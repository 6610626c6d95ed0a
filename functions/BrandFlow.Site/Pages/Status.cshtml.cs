using BrandFlow.Site.Pages.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandFlow.Site.Pages;

/// <summary>The page shown for an error status (403, 404, ...) of a page request.</summary>
public sealed class StatusModel : PageModel
{
    /// <summary>The status code shown.</summary>
    public int Code { get; private set; }

    /// <summary>The facade's refusal message that led here ("中文 / English"), when one.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Shows the page, keeping the original status code.</summary>
    public void OnGet(int code)
    {
        Code = code;
        Refusal = HttpContext.Items[Shared.PageErrorFilter.MessageKey] as string;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            // Opened directly (not re-executed): answer with the status it describes, so nothing looks like success.
            Response.StatusCode = code is >= 400 and < 600 ? code : 404;
        }
    }

    /// <summary>The texts shown.</summary>
    public RefusalView View => new(this.Code, this.Refusal);
}
