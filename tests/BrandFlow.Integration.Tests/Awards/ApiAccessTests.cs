using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Integration.Tests.Awards;

/// <summary>Role and ownership rules through the HTTP API, with refusals as ProblemDetails.</summary>
public sealed class ApiAccessTests(AwardsApp app) : IClassFixture<AwardsApp>
{
    [Fact]
    public async Task Applications_ApplicantOfAnotherFirm_NotFound_OwnerSeesIt()
    {
        var id = await this.SaveApplicationAsync(AwardsApp.FirmA, ApplicationStatus.InReview);
        var owner = await app.SignInAsync("applicant-a@test.local");
        var other = await app.SignInAsync("applicant-b@test.local");

        var own = await owner.GetFromJsonAsync<JsonElement>($"/api/applications/{id}");
        var refused = await other.GetAsync($"/api/applications/{id}");
        var otherList = await other.GetFromJsonAsync<JsonElement>("/api/applications");

        Assert.Equal(id, own.GetProperty("applicationId").GetString());
        Assert.Equal("inReview", own.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain(otherList.EnumerateArray(), a => a.GetProperty("applicationId").GetString() == id);
    }

    [Fact]
    public async Task OpenCycle_Applicant403_InvalidBody400WithFields_Admin202()
    {
        var applicant = await app.SignInAsync("applicant-a@test.local", "en");
        var admin = await app.SignInAsync("admin@test.local", "en");
        var cycleId = "421223-2026-" + Guid.NewGuid().ToString("N")[..6];
        var body = Body(cycleId, budget: 1_000_000m, notice: 7);

        var forbidden = await applicant.PostAsync("/api/cycles", Json(body));
        var invalid = await admin.PostAsync("/api/cycles", Json(Body(cycleId, budget: -5m, notice: 0)));
        var opened = await admin.PostAsync("/api/cycles", Json(body));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Invalid request", problem.GetProperty("title").GetString());
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("budgets.fin-421223", fields);
        Assert.Contains("durations.noticeWorkingDays", fields);
        Assert.Equal(HttpStatusCode.Accepted, opened.StatusCode);
    }

    [Fact]
    public async Task ReviewDecision_ForwardedLink403_OwnLinkAccepted_Reuse409()
    {
        var id = await this.SaveApplicationAsync(AwardsApp.FirmA, ApplicationStatus.InReview);
        var links = app.Services.GetService(typeof(SignedLinks)) as SignedLinks;
        var now = DateTimeOffset.UtcNow;
        string Link(string action) => links!.Create(new LinkClaims(Guid.NewGuid().ToString("N"), AwardsServiceOptions.ReviewDecisionPurpose, $"{id}/cy-amr/1", "reviewer-amr@test.local", action, now.AddDays(3)));
        var colleague = await app.SignInAsync("reviewer-amr2@test.local");
        var reviewer = await app.SignInAsync("reviewer-amr@test.local");

        var forwarded = await colleague.PostAsync("/api/review/decisions", Json(new { token = Link("approve") }));
        var accepted = await reviewer.PostAsync("/api/review/decisions", Json(new { token = Link("approve") }));
        var reused = await reviewer.PostAsync("/api/review/decisions", Json(new { token = Link("reject"), reason = "again" }));

        Assert.Equal(HttpStatusCode.Forbidden, forwarded.StatusCode);
        Assert.Equal("forwarded-link", (await forwarded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("link-used", (await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task JsonEndpoints_FormPost_Refused415()
    {
        var admin = await app.SignInAsync("admin@test.local");

        var response = await admin.PostAsync("/api/cycles", new FormUrlEncodedContent(new Dictionary<string, string> { ["cycleId"] = "x" }));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task MailFailures_AdminOnly()
    {
        var clerk = await app.SignInAsync("clerk@test.local");
        var admin = await app.SignInAsync("admin@test.local");

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/mail-failures")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/mail-failures")).StatusCode);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static object Body(string cycleId, decimal budget, int notice) => new
    {
        cycleId,
        jurisdiction = "421223",
        year = 2026,
        titleZh = "测试",
        titleEn = "Test",
        documents = new[] { "cy-brand-quality" },
        opensOn = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd"),
        closesOn = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"),
        asOf = "2024-12-31",
        durations = new { noticeWorkingDays = notice },
        budgets = new Dictionary<string, decimal> { ["fin-421223"] = budget },
    };

    private async Task<string> SaveApplicationAsync(string creditCode, ApplicationStatus status)
    {
        var id = "421223-2026-x-" + Guid.NewGuid().ToString("N")[..8];
        var firm = (await app.Ports.Directory.GetFirmAsync(creditCode))!;
        var line = new AwardLine($"{id}:c1:cy-tm-well-known", "c1", "cy-tm-well-known", 1, "cy-amr", "fin-421223", 200_000m, null, "pending", "national", null, [], new DateOnly(2024, 5, 1));
        await app.Ports.Applications.SaveAsync(new ApplicationRecord(
            id, "421223-2026-x", firm, "applicant-a@test.local", DateTimeOffset.UtcNow, status, [], [], [line], [], [], null, [],
            new Dictionary<string, string> { ["cy-amr"] = "reviewer-amr@test.local" }, 1, DateTimeOffset.UtcNow));
        return id;
    }
}
