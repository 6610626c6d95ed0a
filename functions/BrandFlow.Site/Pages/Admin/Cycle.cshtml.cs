using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;
using BrandFlow.Policy.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.Admin;

/// <summary>One cycle for its administrator: status, applications by status, close the window, end the cycle, the report.</summary>
public sealed class CycleModel : BrandFlowPage
{
    /// <summary>Cycle id (route).</summary>
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    /// <summary>The cycle.</summary>
    public CycleRecord? Cycle { get; private set; }

    /// <summary>Its applications.</summary>
    public IReadOnlyList<ApplicationRecord> Applications { get; private set; } = [];

    /// <summary>The catalog (names).</summary>
    public PolicyCatalog Catalog => this.Awards.Catalog;

    /// <summary>Shows the cycle.</summary>
    public async Task OnGetAsync()
    {
        var account = await this.AccountAsync();
        this.Cycle = await this.Awards.GetCycleAsync(account, this.Id, this.HttpContext.RequestAborted);
        this.Applications = await this.Awards.ListApplicationsAsync(account, this.Id, cancellationToken: this.HttpContext.RequestAborted);
    }

    /// <summary>Closes the application window now.</summary>
    public async Task<IActionResult> OnPostCloseWindowAsync()
    {
        await this.Awards.CloseWindowAsync(await this.AccountAsync(), this.Id, this.HttpContext.RequestAborted);
        this.Flash("申报窗口关闭请求已发出", "The window is being closed");
        return this.RedirectToPage(new { id = this.Id });
    }

    /// <summary>Ends the cycle after its payments.</summary>
    public async Task<IActionResult> OnPostCloseCycleAsync()
    {
        await this.Awards.CloseCycleAsync(await this.AccountAsync(), this.Id, this.HttpContext.RequestAborted);
        this.Flash("申报年度结束请求已发出，报告随后生成", "The cycle is being closed; the report follows");
        return this.RedirectToPage(new { id = this.Id });
    }
}
