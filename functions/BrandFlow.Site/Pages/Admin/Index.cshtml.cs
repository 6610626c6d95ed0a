using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;

namespace BrandFlow.Site.Pages.Admin;

/// <summary>Administration: the cycles and the administrator's tools.</summary>
public sealed class IndexModel : BrandFlowPage
{
    /// <summary>Every cycle.</summary>
    public IReadOnlyList<CycleRecord> Cycles { get; private set; } = [];

    /// <summary>Loads the cycles (administrators only: the tools below need the role anyway).</summary>
    public async Task OnGetAsync()
    {
        var account = await this.AccountAsync();
        BrandFlow.Awards.Services.AccessRules.Require(account, Role.Administrator);
        this.Cycles = await this.Awards.ListCyclesAsync(account, this.HttpContext.RequestAborted);
    }
}
