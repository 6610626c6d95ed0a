using BrandFlow.Pages.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandFlow.Pages.Tests.Pages;

/// <summary>The shared layout: Chinese by default, English after the language switch, styles served locally.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(BrowserApp app)
{
    [Fact]
    public async Task LanguageSwitch_ToEnglish_ShowsEnglishAndRemembersIt()
    {
        var page = await app.NewPageAsync();
        var css = await page.GotoAsync("/css/site.css");
        Assert.Equal(200, css!.Status);

        await page.GotoAsync("/");
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("品牌建设与知识产权奖补申报", await page.InnerTextAsync("h1"), StringComparison.Ordinal);

        await page.ClickAsync("#lang-en");
        await page.WaitForURLAsync("**/?lang=en");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Awards for brand building", await page.InnerTextAsync("h1"), StringComparison.Ordinal);

        // The cookie keeps English on the next page without ?lang.
        await page.GotoAsync("/status/404");
        Assert.Equal("Page not found", await page.InnerTextAsync("h1"));
    }
}
