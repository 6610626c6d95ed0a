using System.Text;
using BrandFlow.Pages.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandFlow.Pages.Tests.Pages;

/// <summary>
/// The new-application page in a real browser against Azurite: claims from the catalog's vocabulary, a real PDF
/// uploaded straight to Blob Storage with a progress bar, a renamed executable refused by the server with its
/// message, and the estimate explained clause by clause.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NewApplicationTests(BrowserApp app)
{
    [Fact]
    public async Task NewApplication_UploadsPdfStraightToBlobAndRefusesRenamedExecutable()
    {
        var world = await World.CreateAsync(app);
        var page = await app.NewPageAsync();
        await Browser.SignInAsync(app, page, world.Email("applicant"));

        await ApplicationForm.FillClaimAndUploadPdfAsync(page, world);

        // A Windows executable renamed to .pdf is refused by its content, with the server's message, and not added.
        var exe = new byte[4096];
        Encoding.ASCII.GetBytes("MZ\u0090\0").CopyTo(exe, 0);
        await page.SetInputFilesAsync("#ev-file-0", new FilePayload { Name = "证书.pdf", MimeType = "application/pdf", Buffer = exe });
        await page.WaitForSelectorAsync(".upload-result.refused");
        var refusal = await page.InnerTextAsync(".upload-result");
        Assert.Contains("文件被拒绝", refusal, StringComparison.Ordinal);
        Assert.Contains("可执行", refusal, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator(".ev-list li").CountAsync());

        // The estimate explains itself clause by clause; the uploaded file stays with the claim.
        await page.ClickAsync("#preview");
        await page.WaitForSelectorAsync("#estimate");
        Assert.NotEqual("¥0.00", await page.InnerTextAsync("#estimate-total"));
        Assert.True(await page.Locator("#estimate .explanation").CountAsync() > 0);
        Assert.Contains("专利证书.pdf", await page.InnerTextAsync(".ev-list"), StringComparison.Ordinal);
    }
}
