using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Policy.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.Notices;

/// <summary>The public notice (公示): the approved list of cycles in their notice window, and the objection form.</summary>
public sealed class IndexModel : BrandFlowPage
{
    /// <summary>The cycle shown.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Cycle { get; set; }

    /// <summary>Award objected to (empty: the whole application).</summary>
    [BindProperty]
    public string? AwardId { get; set; }

    /// <summary>Reason of the objection.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Cycles in public notice.</summary>
    public IReadOnlyList<CycleRecord> Cycles { get; private set; } = [];

    /// <summary>The list of the chosen cycle.</summary>
    public IReadOnlyList<NoticeLine> Lines { get; private set; } = [];

    /// <summary>True when someone is signed in (the list is for signed-in people).</summary>
    public bool SignedIn { get; private set; }

    /// <summary>The catalog (clause names).</summary>
    public PolicyCatalog Catalog => this.Awards.Catalog;

    /// <summary>Shows the list.</summary>
    public async Task OnGetAsync() => await this.LoadAsync();

    /// <summary>Files an objection.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            // An award id starts with its application id ("{applicationId}:{claimId}:{clauseId}").
            var award = string.IsNullOrWhiteSpace(this.AwardId) ? null : this.AwardId;
            var application = award?.Split(':')[0] ?? string.Empty;
            await this.Awards.FileObjectionAsync(await this.AccountAsync(), application, new ObjectionRequest(award, this.Reason ?? string.Empty), this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode is 400 or 404 or 409)
        {
            this.ShowRefusal(refusal, field => field switch { "reason" => nameof(this.Reason), "awardId" => nameof(this.AwardId), _ => null });
            await this.LoadAsync();
            return this.Page();
        }

        this.Flash("异议已提交，相关奖补暂停并退回审核", "Your objection has been filed; the award is held and goes back to review");
        return this.RedirectToPage(new { cycle = this.Cycle });
    }

    private async Task LoadAsync()
    {
        var account = await this.AccountAsync();
        this.SignedIn = account is not null;
        if (account is null)
        {
            return;
        }

        this.Cycles = (await this.Awards.ListCyclesAsync(account, this.HttpContext.RequestAborted)).Where(c => c.Status == CycleStatus.PublicNotice).ToList();
        this.Cycle ??= this.Cycles.FirstOrDefault()?.Definition.CycleId;
        if (this.Cycle is { } cycle && this.Cycles.Any(c => c.Definition.CycleId == cycle))
        {
            this.Lines = await this.Awards.ListNoticeAsync(account, cycle, this.HttpContext.RequestAborted);
        }
    }
}
