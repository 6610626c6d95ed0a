using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;

namespace BrandFlow.Site.Pages.Finance;

/// <summary>Finance's overview: cycles with a batch to approve, a list in notice, or payments under way.</summary>
public sealed class IndexModel : BrandFlowPage
{
    /// <summary>Cycles of interest to finance.</summary>
    public IReadOnlyList<CycleRecord> Cycles { get; private set; } = [];

    /// <summary>Loads the cycles.</summary>
    public async Task OnGetAsync() =>
        this.Cycles = (await this.Awards.ListCyclesAsync(await this.AccountAsync(), this.HttpContext.RequestAborted))
            .Where(c => c.Status is CycleStatus.AwaitingFiscalApproval or CycleStatus.PublicNotice or CycleStatus.Paying or CycleStatus.Reviewing)
            .ToList();
}
