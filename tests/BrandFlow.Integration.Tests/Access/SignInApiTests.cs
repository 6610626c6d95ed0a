using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BrandFlow.Integration.Tests.Awards;

namespace BrandFlow.Integration.Tests.Access;

/// <summary>Sign-in by emailed one-time link over HTTP, the session cookie, and refusals as localized ProblemDetails.</summary>
public sealed class SignInApiTests(AwardsApp app) : IClassFixture<AwardsApp>
{
    [Fact]
    public async Task SignIn_LinkFromMail_IssuesHttpOnlyLaxCookie_AndMeAnswers()
    {
        var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me")).StatusCode);

        var client = await app.SignInAsync("reviewer-amr@test.local");
        var response = await client.GetAsync("/api/me");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {response.Headers.Location} {text}");
        Assert.True(text.Length > 0, $"{response.Headers} {response.Content.Headers} {response.RequestMessage!.RequestUri}");
        var me = JsonDocument.Parse(text).RootElement;

        Assert.Equal("reviewer-amr@test.local", me.GetProperty("email").GetString());
        Assert.Equal("reviewer", me.GetProperty("roles")[0].GetString());
        Assert.Equal("cy-amr", me.GetProperty("departmentId").GetString());
    }

    [Fact]
    public async Task SignInCookie_IsHttpOnlyAndSameSiteLax()
    {
        var client = app.Client();
        (await client.PostAsJsonAsync("/api/signin/request-link", new { email = "clerk@test.local" })).EnsureSuccessStatusCode();
        var link = AwardsApp.LinkIn(app.Mail.To("clerk@test.local")[^1].HtmlBody, "/signin?t=");
        var page = await client.GetStringAsync(link.PathAndQuery);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var t = Uri.UnescapeDataString(link.Query[(link.Query.IndexOf("t=", StringComparison.Ordinal) + 2)..]);

        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = t, ["__RequestVerificationToken"] = token }));

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("brandflow.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_SameLinkTwice_SecondRefused()
    {
        var client = app.Client();
        (await client.PostAsJsonAsync("/api/signin/request-link", new { email = "finance@test.local" })).EnsureSuccessStatusCode();
        var link = AwardsApp.LinkIn(app.Mail.To("finance@test.local")[^1].HtmlBody, "/signin?t=");
        var t = Uri.UnescapeDataString(link.Query[(link.Query.IndexOf("t=", StringComparison.Ordinal) + 2)..]);
        var described = await client.GetFromJsonAsync<JsonElement>("/api/signin/link?t=" + Uri.EscapeDataString(t));
        Assert.True(described.GetProperty("valid").GetBoolean());

        async Task<HttpResponseMessage> PostAsync()
        {
            var page = await client.GetStringAsync(link.PathAndQuery);
            var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
            return await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = t, ["__RequestVerificationToken"] = token }));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync()).StatusCode);
        var second = await PostAsync();
        Assert.NotEqual(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains("已使用", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestLink_UnknownAddress_SameAnswerAndNoMail()
    {
        var client = app.Client();

        var known = await client.PostAsJsonAsync("/api/signin/request-link", new { email = "admin@test.local" });
        var unknown = await client.PostAsJsonAsync("/api/signin/request-link", new { email = "stranger@test.local" });

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Empty(app.Mail.To("stranger@test.local"));
    }

    [Fact]
    public async Task SignInPost_WithoutAntiforgeryToken_Refused()
    {
        var client = app.Client();
        (await client.PostAsJsonAsync("/api/signin/request-link", new { email = "head-amr@test.local" })).EnsureSuccessStatusCode();
        var link = AwardsApp.LinkIn(app.Mail.To("head-amr@test.local")[^1].HtmlBody, "/signin?t=");
        var t = Uri.UnescapeDataString(link.Query[(link.Query.IndexOf("t=", StringComparison.Ordinal) + 2)..]);

        var response = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = t }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("brandflow.session=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("zh-CN", "需要登录", "请先登录")]
    [InlineData("en-US,en;q=0.9,zh;q=0.5", "Sign-in required", "Please sign in first")]
    public async Task Unauthenticated_ProblemDetailsInCallersLanguage(string language, string title, string detail)
    {
        var response = await app.Client(language).GetAsync("/api/applications");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.Equal("not-signed-in", problem.GetProperty("code").GetString());
    }
}
