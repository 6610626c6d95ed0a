using Microsoft.Playwright;

namespace BrandFlow.Pages.Tests.Infrastructure;

/// <summary>What people do in the browser again and again.</summary>
public static class Browser
{
    /// <summary>Signs in the way a person does: asks for a link, opens it from the mailbox, confirms with a POST.</summary>
    public static async Task SignInAsync(BrowserApp app, IPage page, string email, int previousSignIns = 0)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/signin/request");
        await page.FillAsync("#Email", email);
        await page.ClickAsync("#send-link");
        await page.WaitForSelectorAsync("#link-sent");
        var link = (await Mailbox.WaitForLinksAsync(app, email, "/signin?t=", previousSignIns + 1))[0];
        await page.GotoAsync(link);
        Assert.Equal(email, await page.InnerTextAsync("#signin-email"));
        await page.ClickAsync("#confirm-signin");
        await page.WaitForSelectorAsync("text=欢迎");
    }
}
