using BrandFlow.Awards.Access;
using BrandFlow.Awards.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BrandFlow.Pages.Tests.Infrastructure;

/// <summary>What people do in the browser again and again.</summary>
public static class Browser
{
    /// <summary>
    /// Signs in the way a person does: asks for a link on the sign-in page, opens it from the development mailbox and
    /// confirms with a POST (the GET of the link only shows whom it signs in).
    /// </summary>
    public static async Task SignInFromMailboxAsync(BrowserApp app, IPage page, string email, int previousSignIns = 0)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/signin/request");
        await page.FillAsync("#Email", email);
        await page.ClickAsync("#send-link");
        try
        {
            await page.WaitForSelectorAsync("#link-sent");
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"no sign-in link sent; the page says: {await page.InnerTextAsync("body")}");
        }

        var link = (await Mailbox.WaitForLinksAsync(app, email, "/signin?t=", previousSignIns + 1))[0];
        await ConfirmAsync(page, link, email);
    }

    /// <summary>
    /// Signs in with the link the facade would mail (same signing key, purpose and claims), through the confirmation
    /// page and its POST; for tests whose subject is another page.
    /// </summary>
    public static async Task SignInAsync(BrowserApp app, IPage page, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        var links = app.Services.GetRequiredService<SignedLinks>();
        var token = links.Create(new LinkClaims(Guid.NewGuid().ToString("N"), AwardsServiceOptions.SignInPurpose, email, email, "sign-in", DateTimeOffset.UtcNow.AddMinutes(15)));
        await ConfirmAsync(page, "/signin?t=" + Uri.EscapeDataString(token), email);
    }

    private static async Task ConfirmAsync(IPage page, string link, string email)
    {
        await page.GotoAsync(link);
        Assert.Equal(email, await page.InnerTextAsync("#signin-email"));
        await page.ClickAsync("#confirm-signin");
        await page.WaitForSelectorAsync("text=欢迎");
    }
}
