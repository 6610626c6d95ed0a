using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;

namespace BrandFlow.Site.Pages.Applications;

/// <summary>An applicant's applications (every cycle), newest first.</summary>
public sealed class IndexModel : BrandFlowPage
{
    /// <summary>Applications the signed-in person may see.</summary>
    public IReadOnlyList<ApplicationRecord> Applications { get; private set; } = [];

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync() =>
        this.Applications = await this.Awards.ListApplicationsAsync(await this.AccountAsync(), cancellationToken: this.HttpContext.RequestAborted);
}
