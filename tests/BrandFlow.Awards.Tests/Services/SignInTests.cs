using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Tests.Services;

public sealed class SignInTests : IDisposable
{
    private readonly ServiceHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task RequestSignInLink_UnknownAddress_SendsNothingAndDoesNotFail()
    {
        await h.Service.RequestSignInLinkAsync("nobody@test.local");

        Assert.Empty(h.Ports.Sent);
    }

    [Fact]
    public async Task RequestSignInLink_KnownAddress_MailsALinkThatSignsInOnce()
    {
        await h.Service.RequestSignInLinkAsync("R1@Test.Local");

        var mail = Assert.Single(h.Ports.Sent);
        Assert.Equal("r1@test.local", mail.To);
        var token = TokenFrom(mail.HtmlBody);
        Assert.True(h.Service.DescribeSignInLink(token).Valid);
        var user = await h.Service.CompleteSignInAsync(token);
        Assert.Equal("r1@test.local", user.Email);
        var again = await Assert.ThrowsAsync<AwardsException>(() => h.Service.CompleteSignInAsync(token));
        Assert.Equal("link-used", again.Code);
    }

    [Fact]
    public async Task CompleteSignIn_After15Minutes_Expired()
    {
        await h.Service.RequestSignInLinkAsync("r1@test.local");
        var token = TokenFrom(Assert.Single(h.Ports.Sent).HtmlBody);
        h.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.CompleteSignInAsync(token));

        Assert.Equal("link-expired", refusal.Code);
        Assert.False(h.Service.DescribeSignInLink(token).Valid);
    }

    [Fact]
    public async Task CompleteSignIn_DecisionLinkUsedToSignIn_Refused()
    {
        var decision = h.DecisionLink("app-a", ServiceHarness.Amr, 1, "approve", "r1@test.local");

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.CompleteSignInAsync(decision));

        Assert.Equal("link-wrong-purpose", refusal.Code);
    }

    [Fact]
    public async Task RequestSignInLink_MalformedAddress_InvalidField()
    {
        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.RequestSignInLinkAsync("not an address"));

        Assert.Equal("email", refusal.Field);
        Assert.Equal(400, refusal.StatusCode);
    }

    private static string TokenFrom(string html)
    {
        var start = html.IndexOf("/signin?t=", StringComparison.Ordinal) + "/signin?t=".Length;
        var end = html.IndexOfAny(['"', '<', ' ', '&'], start);
        return Uri.UnescapeDataString(html[start..end]);
    }
}
