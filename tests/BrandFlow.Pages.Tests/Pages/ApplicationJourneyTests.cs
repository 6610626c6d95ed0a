using System.Text;
using BrandFlow.Awards.Model;
using BrandFlow.Pages.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandFlow.Pages.Tests.Pages;

/// <summary>
/// The journey in a real browser against Azurite: an applicant signs in from the mailbox, claims an award, uploads a
/// real PDF straight to Blob Storage (and has a renamed executable refused), submits; a clerk passes the document
/// check; the reviewer opens the emailed link, sees the confirmation page (the GET changes nothing), approves with a
/// POST, and a second visit says the link was used.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApplicationJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Applicant_SubmitsWithEvidence_ReviewerApprovesByEmailLinkOnce()
    {
        var world = await World.CreateAsync(app);
        var page = await app.NewPageAsync();

        // Applicant: sign in by link, then a new application with one claim.
        await Browser.SignInAsync(app, page, world.Email("applicant"));
        await page.GotoAsync("/applications/new");
        Assert.Contains(world.Suffix, await page.InnerTextAsync("#cycle-title"), StringComparison.Ordinal);
        await page.SelectOptionAsync("#Claims_0__Kind", World.Kind);
        await page.FillAsync("#Claims_0__Date", "2021-03-01");
        await page.FillAsync("#Claims_0__Identifiers", "ZL2021" + world.Suffix);
        await page.SelectOptionAsync("#ev-type-0", "patent-certificate");

        // A real PDF goes straight to Blob Storage; the progress bar reaches 100% and the server accepts it.
        var pdf = PdfBytes(256 * 1024);
        await page.SetInputFilesAsync("#ev-file-0", new FilePayload { Name = "专利证书.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.WaitForSelectorAsync(".upload-result.ok");
        Assert.Equal(100, await page.EvalOnSelectorAsync<double>(".ev-progress", "e => e.value"));
        Assert.Equal("100%", await page.InnerTextAsync(".ev-percent"));
        Assert.Contains("专利证书.pdf", await page.InnerTextAsync(".ev-list"), StringComparison.Ordinal);

        // A Windows executable renamed to .pdf is refused by its content, with the server's message.
        var exe = new byte[4096];
        Encoding.ASCII.GetBytes("MZ\u0090\0").CopyTo(exe, 0);
        await page.SetInputFilesAsync("#ev-file-0", new FilePayload { Name = "证书.pdf", MimeType = "application/pdf", Buffer = exe });
        await page.WaitForSelectorAsync(".upload-result.refused");
        var refusal = await page.InnerTextAsync(".upload-result");
        Assert.Contains("文件被拒绝", refusal, StringComparison.Ordinal);
        Assert.Contains("可执行", refusal, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator(".ev-list li").CountAsync());

        // The estimate explains itself clause by clause, then the application is submitted.
        await page.ClickAsync("#preview");
        await page.WaitForSelectorAsync("#estimate");
        Assert.NotEqual("¥0.00", await page.InnerTextAsync("#estimate-total"));
        Assert.True(await page.Locator("#estimate .explanation").CountAsync() > 0);
        await page.ClickAsync("#submit-application");
        await page.WaitForURLAsync("**/applications/*");
        var applicationId = await page.InnerTextAsync("#application-id");

        // Clerk: the document check passes.
        await world.WaitForApplicationAsync(applicationId, a => a.Status == ApplicationStatus.AwaitingClerk);
        var clerk = await app.NewPageAsync();
        await Browser.SignInAsync(app, clerk, world.Email("clerk"));
        await clerk.GotoAsync("/clerk/" + applicationId);
        await clerk.ClickAsync("#clerk-approve");
        await clerk.WaitForURLAsync("**/clerk");

        // Reviewer: the approve link opens a confirmation page; the GET decides nothing.
        var reviewer = await app.NewPageAsync();
        await Browser.SignInAsync(app, reviewer, world.Email("reviewer"));
        var links = await Mailbox.WaitForLinksAsync(app, world.Email("reviewer"), "/review/decide?t=");
        Assert.Equal(3, links.Count);
        var approve = links[0];
        await reviewer.GotoAsync(approve);
        Assert.Equal("同意", await reviewer.InnerTextAsync("#link-outcome"));
        Assert.Equal(world.Email("reviewer"), await reviewer.InnerTextAsync("#link-recipient"));
        Assert.Equal(ApplicationStatus.InReview, (await world.WaitForApplicationAsync(applicationId, _ => true)).Status);

        await reviewer.ClickAsync("#confirm-decision");
        await reviewer.WaitForSelectorAsync("#decision-recorded");
        var decided = await world.WaitForApplicationAsync(applicationId, a => a.Decisions.Count > 0);
        Assert.Equal(ReviewOutcome.Approve, decided.Decisions[0].Outcome);
        Assert.Equal(world.Email("reviewer"), decided.Decisions[0].DecidedBy);

        // A second visit says the link was used, and offers no button.
        await reviewer.GotoAsync(approve);
        await reviewer.WaitForSelectorAsync("#link-invalid");
        Assert.Contains("已经作出决定", await reviewer.InnerTextAsync("#link-invalid"), StringComparison.Ordinal);
        Assert.Equal(0, await reviewer.Locator("#confirm-decision").CountAsync());
    }

    /// <summary>A small but real PDF (header, one empty page, trailer), padded with a comment to the asked size.</summary>
    private static byte[] PdfBytes(int size)
    {
        var head = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n";
        var tail = "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
        var padding = "%" + new string('x', Math.Max(0, size - head.Length - tail.Length - 2)) + "\n";
        return Encoding.ASCII.GetBytes(head + padding + tail);
    }
}
