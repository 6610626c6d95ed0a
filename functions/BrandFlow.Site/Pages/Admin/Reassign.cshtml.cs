using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Services;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.Admin;

/// <summary>Reassigns one department's review of an application to another reviewer of that department.</summary>
public sealed class ReassignModel : BrandFlowPage
{
    /// <summary>Application id.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ApplicationId { get; set; }

    /// <summary>Department whose review moves.</summary>
    [BindProperty(SupportsGet = true)]
    public string? DepartmentId { get; set; }

    /// <summary>Email of the new reviewer.</summary>
    [BindProperty]
    public string? NewReviewer { get; set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Reassigns.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await this.Awards.ReassignAsync(await this.AccountAsync(), this.ApplicationId ?? string.Empty, new ReassignRequest(this.DepartmentId ?? string.Empty, this.NewReviewer ?? string.Empty), this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode is 400 or 404 or 409)
        {
            this.ShowRefusal(refusal, field => field switch { "departmentId" => nameof(this.DepartmentId), "newReviewer" or "email" => nameof(this.NewReviewer), _ => null });
            return this.Page();
        }

        this.Flash("已重新分配，新审核人员将收到邮件", "Reassigned; the new reviewer is emailed");
        return this.RedirectToPage("/Applications/Detail", new { id = this.ApplicationId });
    }
}
