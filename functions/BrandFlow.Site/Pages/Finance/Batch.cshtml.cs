using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Fiscal;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Policy.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.Finance;

/// <summary>
/// A cycle's fiscal batch: the simulated allocation per treasury under the chosen rule (pro-rata or priority), approval
/// of exactly what is shown, the treasury payment files, and the import of the bank's confirmations.
/// </summary>
public sealed class BatchModel : BrandFlowPage
{
    /// <summary>Cycle id (route).</summary>
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    /// <summary>The rule simulated and approved.</summary>
    [BindProperty(SupportsGet = true)]
    public AllocationRuleKind Rule { get; set; } = AllocationRuleKind.ProRata;

    /// <summary>The bank confirmation file (CSV).</summary>
    [BindProperty]
    public IFormFile? Confirmations { get; set; }

    /// <summary>The cycle.</summary>
    public CycleRecord? Cycle { get; private set; }

    /// <summary>The simulated allocation.</summary>
    public AllocationResult? Simulation { get; private set; }

    /// <summary>The result of the last import.</summary>
    public ConfirmationImport? Imported { get; private set; }

    /// <summary>The catalog (treasury names).</summary>
    public PolicyCatalog Catalog => this.Awards.Catalog;

    /// <summary>Shows the simulation under the chosen rule.</summary>
    public async Task OnGetAsync() => await this.LoadAsync();

    /// <summary>Approves the batch under the rule (the allocation shown is what is applied).</summary>
    public async Task<IActionResult> OnPostApproveAsync()
    {
        try
        {
            await this.Awards.ApproveFiscalAsync(await this.AccountAsync(), this.Id, this.Rule, this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode is 400 or 409)
        {
            this.ShowRefusal(refusal);
            await this.LoadAsync();
            return this.Page();
        }

        this.Flash("已批准，公示即将开始", "Approved; the public notice opens next");
        return this.RedirectToPage(new { id = this.Id, rule = this.Rule });
    }

    /// <summary>Downloads the treasury payment file (csv or xlsx).</summary>
    public async Task<IActionResult> OnGetFileAsync(string format)
    {
        var file = await this.Awards.GetPaymentFileAsync(await this.AccountAsync(), this.Id, format, this.HttpContext.RequestAborted);
        return this.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>Imports the bank's confirmation file.</summary>
    public async Task<IActionResult> OnPostConfirmationsAsync()
    {
        if (this.Confirmations is null || this.Confirmations.Length == 0)
        {
            this.FieldError(nameof(this.Confirmations), "请选择银行回单文件（CSV）", "Choose the bank confirmation file (CSV)");
            await this.LoadAsync();
            return this.Page();
        }

        try
        {
            await using var stream = this.Confirmations.OpenReadStream();
            this.Imported = await this.Awards.ImportBankConfirmationsAsync(await this.AccountAsync(), this.Id, stream, this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode is 400 or 409)
        {
            this.ShowRefusal(refusal, _ => nameof(this.Confirmations));
        }

        await this.LoadAsync();
        return this.Page();
    }

    private async Task LoadAsync()
    {
        var account = await this.AccountAsync();
        this.Cycle = await this.Awards.GetCycleAsync(account, this.Id, this.HttpContext.RequestAborted);
        this.Simulation = await this.Awards.SimulateFiscalAsync(account, this.Id, this.Rule, this.HttpContext.RequestAborted);
    }
}
