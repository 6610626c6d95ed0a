using BrandFlow.Pages.Tests.Infrastructure;

namespace BrandFlow.Pages.Tests.Pages;

/// <summary>An applicant never sees another firm's application, whatever URL it types.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessTests(BrowserApp app)
{
    [Fact]
    public async Task ApplicationDetail_OtherFirmsApplication_ShowsRefusalPageWithoutItsData()
    {
        var world = await World.CreateAsync(app);
        var applicationId = (await world.SeedApplicationAsync()).ApplicationId;

        var page = await app.NewPageAsync();
        await Browser.SignInAsync(app, page, world.Email("other"));
        var response = await page.GotoAsync("/applications/" + applicationId);

        Assert.Contains(response!.Status, new[] { 403, 404 });
        Assert.Contains("无权", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.DoesNotContain(world.FirmCode, await page.ContentAsync(), StringComparison.Ordinal);

        // Its owner sees it.
        var owner = await app.NewPageAsync();
        await Browser.SignInAsync(app, owner, world.Email("applicant"));
        var own = await owner.GotoAsync("/applications/" + applicationId);
        Assert.Equal(200, own!.Status);
        Assert.Contains(world.FirmCode, await owner.InnerTextAsync("#firm-name"), StringComparison.Ordinal);
    }
}
