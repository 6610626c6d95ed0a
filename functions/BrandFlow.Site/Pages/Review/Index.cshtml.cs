using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;
using BrandFlow.Policy.Catalog;

namespace BrandFlow.Site.Pages.Review;

/// <summary>A reviewer's queue: applications of the reviewer's department in review (decisions come from the emailed links).</summary>
public sealed class IndexModel : BrandFlowPage
{
    /// <summary>Applications in review that the reviewer may see.</summary>
    public IReadOnlyList<ApplicationRecord> Applications { get; private set; } = [];

    /// <summary>The catalog (names).</summary>
    public PolicyCatalog Catalog => this.Awards.Catalog;

    /// <summary>Loads the queue.</summary>
    public async Task OnGetAsync()
    {
        var account = await this.AccountAsync();
        var all = await this.Awards.ListApplicationsAsync(account, cancellationToken: this.HttpContext.RequestAborted);
        this.Applications = all.Where(a => a.Status is ApplicationStatus.InReview or ApplicationStatus.AwaitingInformation or ApplicationStatus.Objected).ToList();
    }
}
