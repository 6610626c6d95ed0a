using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Policy.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.Admin;

/// <summary>Opens an annual cycle: documents in force, window, durations in working days and a budget per treasury.</summary>
public sealed class OpenCycleModel : BrandFlowPage
{
    /// <summary>Cycle id (lowercase letters, digits, hyphens).</summary>
    [BindProperty]
    public string? CycleId { get; set; }

    /// <summary>Jurisdiction whose firms may apply.</summary>
    [BindProperty]
    public string? Jurisdiction { get; set; }

    /// <summary>Programme year.</summary>
    [BindProperty]
    public int Year { get; set; } = DateTime.UtcNow.Year;

    /// <summary>Title in Chinese.</summary>
    [BindProperty]
    public string? TitleZh { get; set; }

    /// <summary>Title in English.</summary>
    [BindProperty]
    public string? TitleEn { get; set; }

    /// <summary>Documents in force.</summary>
    [BindProperty]
    public List<string> Documents { get; set; } = [];

    /// <summary>First day (CST).</summary>
    [BindProperty]
    public DateOnly? OpensOn { get; set; }

    /// <summary>Last day (CST, inclusive).</summary>
    [BindProperty]
    public DateOnly? ClosesOn { get; set; }

    /// <summary>Achievements judged as of.</summary>
    [BindProperty]
    public DateOnly? AsOf { get; set; }

    /// <summary>Durations in working days.</summary>
    [BindProperty]
    public StepDurations Durations { get; set; } = new();

    /// <summary>Budget per treasury id (CNY); empty means none.</summary>
    [BindProperty]
    public Dictionary<string, decimal?> Budgets { get; set; } = [];

    /// <summary>The catalog (jurisdictions, documents, treasuries).</summary>
    public PolicyCatalog Catalog => this.Awards.Catalog;

    /// <summary>Every treasury a cycle can budget: the catalog's treasuries.</summary>
    public IReadOnlyList<(string Id, Text Name)> Treasuries =>
        // Clauses paid by the "local" treasury are paid by the cycle jurisdiction's own treasury, listed here with the others.
        this.Catalog.Treasuries.Values.Select(t => (t.Id, t.Name)).ToList();

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Opens the cycle.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        this.ModelState.Clear();
        if (this.OpensOn is null || this.ClosesOn is null || this.AsOf is null)
        {
            foreach (var (name, value, zh, en) in new[]
            {
                (nameof(this.OpensOn), this.OpensOn, "受理开始", "opening"), (nameof(this.ClosesOn), this.ClosesOn, "受理截止", "closing"),
                (nameof(this.AsOf), this.AsOf, "成果认定截止", "achievements-as-of"),
            })
            {
                if (value is null)
                {
                    this.FieldError(name, $"请填写{zh}日期", $"Enter the {en} date");
                }
            }

            return this.Page();
        }

        var budgets = this.Budgets.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!.Value, StringComparer.Ordinal);
        var definition = new CycleDefinition(
            (this.CycleId ?? string.Empty).Trim(), this.Jurisdiction ?? string.Empty, this.Year, this.TitleZh ?? string.Empty, this.TitleEn ?? string.Empty,
            this.Documents, null, this.OpensOn.Value, this.ClosesOn.Value, this.AsOf.Value, this.Durations, budgets);
        try
        {
            await this.Awards.OpenCycleAsync(await this.AccountAsync(), definition, cancellationToken: this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode is 400 or 409)
        {
            this.ShowRefusal(refusal, FieldFor);
            return this.Page();
        }

        this.Flash($"申报年度“{definition.TitleZh}”已开启", $"Cycle '{definition.TitleEn}' opened");
        return this.RedirectToPage("/Admin/Cycle", new { id = definition.CycleId });
    }

    private static string? FieldFor(string path) => path switch
    {
        "cycleId" => nameof(CycleId),
        "jurisdiction" => nameof(Jurisdiction),
        "year" => nameof(Year),
        "titleZh" or "titleEn" => nameof(TitleZh),
        "opensOn" => nameof(OpensOn),
        "closesOn" => nameof(ClosesOn),
        "asOf" => nameof(AsOf),
        _ when path.StartsWith("documents", StringComparison.Ordinal) => nameof(Documents),
        _ when path.StartsWith("budgets", StringComparison.Ordinal) => nameof(Budgets),
        _ when path.StartsWith("durations", StringComparison.Ordinal) => nameof(Durations),
        _ => null,
    };
}
