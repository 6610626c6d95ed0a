using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;

namespace BrandFlow.Site.Pages.Admin;

/// <summary>Mail that kept failing after retries, newest first.</summary>
public sealed class MailFailuresModel : BrandFlowPage
{
    /// <summary>The failures.</summary>
    public IReadOnlyList<MailFailure> Failures { get; private set; } = [];

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync() =>
        this.Failures = await this.Awards.ListMailFailuresAsync(await this.AccountAsync(), this.HttpContext.RequestAborted);
}
