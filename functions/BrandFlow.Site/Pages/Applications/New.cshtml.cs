using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Policy.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.Applications;

/// <summary>
/// A new application: choose an open cycle, describe claims with the catalog's vocabulary, upload evidence straight to
/// Blob Storage (the script asks this page for a write-only URL, then for the server's inspection), preview the
/// estimate with its clause-by-clause explanation, and submit.
/// </summary>
public sealed class NewModel : BrandFlowPage
{
    /// <summary>The chosen cycle id.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Cycle { get; set; }

    /// <summary>The claims typed so far.</summary>
    [BindProperty]
    public List<ClaimForm> Claims { get; set; } = [];

    /// <summary>Cycles open to the applicant's firm.</summary>
    public IReadOnlyList<CycleRecord> OpenCycles { get; private set; } = [];

    /// <summary>The chosen cycle's record.</summary>
    public CycleRecord? ChosenCycle { get; private set; }

    /// <summary>The last estimate, when previewed.</summary>
    public EstimateResult? Estimate { get; private set; }

    /// <summary>The catalog (vocabulary, clauses).</summary>
    public PolicyCatalog Catalog => this.Awards.Catalog;

    /// <summary>Achievement kinds claimable under the chosen cycle's documents.</summary>
    public IReadOnlyList<AchievementKind> Kinds { get; private set; } = [];

    /// <summary>Shows the form (or the list of open cycles to choose from).</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        await this.LoadAsync();
        if (this.Claims.Count == 0)
        {
            this.Claims.Add(new ClaimForm());
        }

        return this.Page();
    }

    /// <summary>Adds an empty claim.</summary>
    public async Task<IActionResult> OnPostAddClaimAsync()
    {
        this.ModelState.Clear();
        this.Claims.Add(new ClaimForm());
        await this.LoadAsync();
        return this.Page();
    }

    /// <summary>Removes a claim.</summary>
    public async Task<IActionResult> OnPostRemoveClaimAsync(int index)
    {
        this.ModelState.Clear();
        if (index >= 0 && index < this.Claims.Count && this.Claims.Count > 1)
        {
            this.Claims.RemoveAt(index);
        }

        await this.LoadAsync();
        return this.Page();
    }

    /// <summary>Shows the calculator's estimate for the claims (no side effect).</summary>
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        this.ModelState.Clear();
        await this.LoadAsync();
        try
        {
            this.Estimate = await this.Awards.PreviewEstimateAsync(await this.AccountAsync(), this.BuildRequest(), this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode is 400 or 409)
        {
            this.ShowRefusal(refusal, ClaimForm.FieldFor);
        }

        return this.Page();
    }

    /// <summary>Submits the application; its page follows.</summary>
    public async Task<IActionResult> OnPostSubmitAsync()
    {
        this.ModelState.Clear();
        try
        {
            var receipt = await this.Awards.SubmitApplicationAsync(await this.AccountAsync(), this.BuildRequest(), this.HttpContext.RequestAborted);
            this.Flash($"申报已提交，编号 {receipt.ApplicationId}", $"Application submitted: {receipt.ApplicationId}");
            return this.RedirectToPage("/Applications/Detail", new { id = receipt.ApplicationId });
        }
        catch (AwardsException refusal) when (refusal.StatusCode is 400 or 409)
        {
            this.ShowRefusal(refusal, ClaimForm.FieldFor);
            await this.LoadAsync();
            return this.Page();
        }
    }

    private ClaimsRequest BuildRequest() => new(this.Cycle ?? string.Empty, this.Claims.Select((c, i) => c.ToClaim(i)).ToList());

    private async Task LoadAsync()
    {
        var account = await this.AccountAsync();
        this.OpenCycles = (await this.Awards.ListCyclesAsync(account, this.HttpContext.RequestAborted)).Where(c => c.Status == CycleStatus.Open).ToList();
        if (this.Cycle is null && this.OpenCycles.Count == 1)
        {
            this.Cycle = this.OpenCycles[0].Definition.CycleId;
        }

        this.ChosenCycle = this.OpenCycles.FirstOrDefault(c => c.Definition.CycleId == this.Cycle);
        var documents = this.ChosenCycle?.Definition.Documents ?? [];
        var kinds = this.Catalog.Documents.Where(d => documents.Contains(d.Id)).SelectMany(d => d.Clauses).Select(c => c.AchievementKind).ToHashSet(StringComparer.Ordinal);
        this.Kinds = this.Catalog.Vocabulary.AchievementKinds.Values.Where(k => kinds.Contains(k.Id)).OrderBy(k => k.Category, StringComparer.Ordinal).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Evidence types the clauses for a kind ask for (under the chosen cycle's documents); every type when none.</summary>
    public IReadOnlyList<string> EvidenceTypesFor(string? kind)
    {
        var documents = this.ChosenCycle?.Definition.Documents ?? [];
        var asked = this.Catalog.Documents.Where(d => documents.Contains(d.Id)).SelectMany(d => d.Clauses)
            .Where(c => c.AchievementKind == kind).SelectMany(c => c.Evidence).Distinct(StringComparer.Ordinal).ToList();
        return asked.Count > 0 ? asked : this.Catalog.Vocabulary.EvidenceTypes.Keys.ToList();
    }
}
