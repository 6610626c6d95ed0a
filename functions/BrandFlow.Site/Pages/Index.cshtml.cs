using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandFlow.Site.Pages;

/// <summary>Home: what the service is and where to start.</summary>
public sealed class IndexModel : PageModel
{
    /// <summary>Shows the page.</summary>
    public void OnGet()
    {
    }
}
