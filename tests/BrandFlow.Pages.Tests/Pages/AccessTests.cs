using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
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
        var applicationId = await SubmitForFirmAsync(world);

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

    /// <summary>Submits an application for the world's firm through the facade (the browser journey is tested elsewhere).</summary>
    private static async Task<string> SubmitForFirmAsync(World world)
    {
        var applicant = await world.AccountAsync("applicant");
        var slot = await world.Awards.RequestUploadSlotAsync(applicant, new UploadSlotRequest("patent-certificate", "cert.pdf"));
        using (var http = new HttpClient())
        {
            using var content = new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray());
            using var request = new HttpRequestMessage(HttpMethod.Put, slot.UploadUrl) { Content = content };
            request.Headers.Add("x-ms-blob-type", "BlockBlob");
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }

        var file = await world.Awards.InspectEvidenceAsync(applicant, slot.FileId);
        var claim = new ClaimInput("c1", new BrandFlow.Policy.Calculation.AchievementInput
        {
            Kind = World.Kind,
            Date = new DateOnly(2021, 3, 1),
            Identifiers = ["ZL" + world.Suffix],
        }, [file.FileId]);
        var receipt = await world.Awards.SubmitApplicationAsync(applicant, new ClaimsRequest(world.CycleId, [claim]));
        await world.WaitForApplicationAsync(receipt.ApplicationId, _ => true);
        return receipt.ApplicationId;
    }
}
