using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;

namespace BrandFlow.Site.Pages.Clerk;

/// <summary>The clerk's queue: applications whose automatic check is done and waits for confirmation (形式审查).</summary>
public sealed class IndexModel : BrandFlowPage
{
    /// <summary>Applications awaiting the clerk.</summary>
    public IReadOnlyList<ApplicationRecord> Applications { get; private set; } = [];

    /// <summary>Loads the queue, oldest first.</summary>
    public async Task OnGetAsync() =>
        this.Applications = (await this.Awards.ListApplicationsAsync(await this.AccountAsync(), status: ApplicationStatus.AwaitingClerk, cancellationToken: this.HttpContext.RequestAborted))
            .OrderBy(a => a.SubmittedAt).ToList();
}
