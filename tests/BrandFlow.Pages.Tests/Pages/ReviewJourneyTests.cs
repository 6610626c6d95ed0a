using BrandFlow.Awards.Model;
using BrandFlow.Pages.Tests.Infrastructure;

namespace BrandFlow.Pages.Tests.Pages;

/// <summary>
/// The journey through the workflow: an applicant (signed in from the mailbox) submits; a clerk passes the document
/// check; the reviewer opens the emailed link, sees the confirmation page (the GET changes nothing), approves with a
/// POST, and a second visit says the link was used.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Applicant_Submits_ClerkPasses_ReviewerApprovesByEmailLinkOnce()
    {
        var world = await World.CreateAsync(app, runCycle: true);
        var page = await app.NewPageAsync();
        await Browser.SignInFromMailboxAsync(app, page, world.Email("applicant"));
        await ApplicationForm.FillClaimAndUploadPdfAsync(page, world);
        await page.ClickAsync("#submit-application");
        await page.WaitForURLAsync("**/applications/*-*");
        var applicationId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        // The workflow writes the read model a moment later; then the page shows it.
        await world.WaitForApplicationAsync(applicationId, _ => true);
        await page.ReloadAsync();
        Assert.Equal(applicationId, await page.InnerTextAsync("#application-id"));

        // Clerk: the document check passes.
        await world.WaitForApplicationAsync(applicationId, a => a.Status == ApplicationStatus.AwaitingClerk);
        var clerk = await app.NewPageAsync();
        await Browser.SignInAsync(app, clerk, world.Email("clerk"));
        await clerk.GotoAsync("/clerk/" + applicationId);
        await clerk.ClickAsync("#clerk-approve");
        await clerk.WaitForURLAsync("**/clerk");

        // Reviewer (the one the workflow assigned): the approve link opens a confirmation page; the GET decides nothing.
        var assigned = await world.AssignedReviewerAsync(applicationId);
        var reviewer = await app.NewPageAsync();
        await Browser.SignInAsync(app, reviewer, assigned);
        var links = await Mailbox.WaitForLinksAsync(app, assigned, "/review/decide?t=", mentioning: applicationId);
        Assert.Equal(3, links.Count);
        var approve = links[0];
        await reviewer.GotoAsync(approve);
        Assert.Equal("同意", await reviewer.InnerTextAsync("#link-outcome"));
        Assert.Equal(assigned, await reviewer.InnerTextAsync("#link-recipient"));
        Assert.Equal(ApplicationStatus.InReview, (await world.WaitForApplicationAsync(applicationId, _ => true)).Status);

        await reviewer.ClickAsync("#confirm-decision");
        await reviewer.WaitForSelectorAsync("#decision-recorded");
        var decided = await world.WaitForApplicationAsync(applicationId, a => a.Decisions.Count > 0);
        Assert.Equal(ReviewOutcome.Approve, decided.Decisions[0].Outcome);
        Assert.Equal(assigned, decided.Decisions[0].DecidedBy);

        // A second visit says the link was used, and offers no button.
        await reviewer.GotoAsync(approve);
        await reviewer.WaitForSelectorAsync("#link-invalid");
        Assert.Contains("已经作出决定", await reviewer.InnerTextAsync("#link-invalid"), StringComparison.Ordinal);
        Assert.Equal(0, await reviewer.Locator("#confirm-decision").CountAsync());
    }
}
