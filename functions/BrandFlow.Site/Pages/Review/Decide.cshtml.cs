using BrandFlow.Site.Pages.Shared;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using BrandFlow.Policy.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace BrandFlow.Site.Pages.Review;

/// <summary>
/// The page a reviewer's email link opens. The GET shows what the link will do, for which application and department,
/// for whom, and whether it still works, and changes nothing (mail scanners follow links); the decision is the POST,
/// with a reason where one is needed. Forwarded, expired and used links get a clear message.
/// </summary>
public sealed class DecideModel : BrandFlowPage
{
    /// <summary>The token from the email.</summary>
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? T { get; set; }

    /// <summary>The reviewer's reason (required to reject or ask for information).</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>What the link does.</summary>
    public DecisionLinkView? Link { get; private set; }

    /// <summary>True when someone is signed in.</summary>
    public bool SignedIn { get; private set; }

    /// <summary>The decision just recorded.</summary>
    public ReviewDecisionEvent? Decided { get; private set; }

    /// <summary>Why the decision was refused ("中文 / English").</summary>
    public string? Problem { get; private set; }

    /// <summary>The catalog (department and clause names).</summary>
    public PolicyCatalog Catalog => this.Awards.Catalog;

    /// <summary>Shows the confirmation; no side effect.</summary>
    public async Task OnGetAsync() => await this.DescribeAsync();

    /// <summary>Records the decision.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var account = await this.AccountAsync();
        if (account is null)
        {
            return this.Redirect("/signin/request?returnUrl=" + Uri.EscapeDataString("/review/decide?t=" + Uri.EscapeDataString(this.T ?? string.Empty)));
        }

        try
        {
            this.Decided = await this.Awards.DecideByLinkAsync(account, new DecisionRequest(this.T ?? string.Empty, this.Reason), this.HttpContext.RequestAborted);
        }
        catch (AwardsException refusal) when (refusal.StatusCode == 400 && refusal.Field == "reason")
        {
            this.ShowRefusal(refusal, _ => nameof(this.Reason));
        }
        catch (AwardsException refusal) when (refusal.StatusCode is 400 or 403 or 404 or 409 or 410)
        {
            this.Problem = $"{refusal.MessageZh} / {refusal.MessageEn}";
        }

        await this.DescribeAsync();
        return this.Page();
    }

    private async Task DescribeAsync()
    {
        var account = await this.AccountAsync();
        this.SignedIn = account is not null;
        this.Link = await this.Awards.DescribeDecisionLinkAsync(account, this.T ?? string.Empty, this.HttpContext.RequestAborted);
    }
}
