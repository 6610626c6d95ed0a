using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Policy.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.Clerk;

/// <summary>The clerk confirms one application's document check: approve as is, or send back a list of defects.</summary>
public sealed class CheckModel : BrandFlowPage
{
    /// <summary>Application id (route).</summary>
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    /// <summary>Defects, one per line; a line may start with a claim id and a colon ("c1: 证书不清晰").</summary>
    [BindProperty]
    public string? Defects { get; set; }

    /// <summary>The application.</summary>
    public ApplicationRecord? Application { get; private set; }

    /// <summary>The catalog (names).</summary>
    public PolicyCatalog Catalog => this.Awards.Catalog;

    /// <summary>Shows the application and the form.</summary>
    public async Task OnGetAsync() => await this.LoadAsync();

    /// <summary>Approves the document check.</summary>
    public Task<IActionResult> OnPostApproveAsync() => this.DecideAsync(new ClerkCheckRequest(true, []));

    /// <summary>Sends the defects back to the applicant.</summary>
    public async Task<IActionResult> OnPostReturnAsync()
    {
        await this.LoadAsync();
        var claims = this.Application!.Claims.Select(c => c.ClaimId).ToHashSet(StringComparer.Ordinal);
        var defects = (this.Defects ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line =>
            {
                var colon = line.IndexOfAny([':', '：']);
                var claim = colon > 0 && claims.Contains(line[..colon].Trim()) ? line[..colon].Trim() : null;
                var text = claim is null ? line : line[(colon + 1)..].Trim();
                return new Defect("clerk", claim, text, text);
            })
            .ToList();
        return await this.DecideAsync(new ClerkCheckRequest(false, defects));
    }

    private async Task<IActionResult> DecideAsync(ClerkCheckRequest request)
    {
        try
        {
            await this.Awards.ClerkCheckAsync(await this.AccountAsync(), this.Id, request, this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode is 400 or 409)
        {
            this.ShowRefusal(refusal, field => field.StartsWith("defects", StringComparison.Ordinal) ? nameof(this.Defects) : null);
            await this.LoadAsync();
            return this.Page();
        }

        this.Flash(request.Approved ? "形式审查已通过，转部门审核" : "已退回申报单位补正", request.Approved ? "Document check passed; sent to review" : "Sent back to the applicant for correction");
        return this.RedirectToPage("/Clerk/Index");
    }

    private async Task LoadAsync() =>
        this.Application ??= await this.Awards.GetApplicationAsync(await this.AccountAsync(), this.Id, this.HttpContext.RequestAborted);
}
