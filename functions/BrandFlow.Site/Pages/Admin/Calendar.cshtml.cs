using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Services;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.Admin;

/// <summary>The working-day calendar editor: the YAML as stored, validated completely before it replaces the old one.</summary>
public sealed class CalendarModel : BrandFlowPage
{
    /// <summary>The calendar YAML.</summary>
    [BindProperty]
    public string? Yaml { get; set; }

    /// <summary>The years the stored calendar covers.</summary>
    public IReadOnlyList<CalendarYear> Years { get; private set; } = [];

    /// <summary>Shows the stored calendar.</summary>
    public async Task OnGetAsync()
    {
        var view = await this.Awards.GetCalendarAsync(await this.AccountAsync(), this.HttpContext.RequestAborted);
        this.Yaml = view.Yaml;
        this.Years = view.Years;
    }

    /// <summary>Validates and saves the calendar; an invalid one changes nothing.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var view = await this.Awards.ReplaceCalendarAsync(await this.AccountAsync(), this.Yaml ?? string.Empty, this.HttpContext.RequestAborted);
            this.Flash($"工作日历已保存（{string.Join("、", view.Years.Select(y => y.Year))}）", $"Calendar saved ({string.Join(", ", view.Years.Select(y => y.Year))})");
            return this.RedirectToPage();
        }
        catch (AwardsException refusal) when (refusal.StatusCode == 400)
        {
            this.ShowRefusal(refusal, _ => nameof(this.Yaml));
            return this.Page();
        }
    }
}
