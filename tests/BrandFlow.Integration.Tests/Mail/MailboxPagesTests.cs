using System.Net;
using AngleSharp.Html.Parser;
using BrandFlow.App.Mail;
using BrandFlow.Hosting.Mail;
using BrandFlow.Awards.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BrandFlow.Integration.Tests.Mail;

/// <summary>The development mailbox pages: list newest first with a recipient filter, and a message whose links can be followed.</summary>
public sealed class MailboxPagesTests(MailTestHost host) : IClassFixture<MailTestHost>
{
    private readonly HttpClient client = host.CreateClient();
    private readonly HtmlParser parser = new();

    [Fact]
    public async Task ListPage_FilteredByRecipient_ShowsNewestFirstInChineseFirst()
    {
        var to = LocalMailboxClient.UniqueAddress("applicant");
        await host.Sender.SendAsync(SendGridMailSenderTests.Received(to, $"older-{Guid.NewGuid():N}"));
        await host.Sender.SendAsync(SendGridMailSenderTests.ReviewRequest(to, out _));
        await host.Sender.SendAsync(SendGridMailSenderTests.Received(LocalMailboxClient.UniqueAddress("someone-else"), $"other-{Guid.NewGuid():N}"));

        var response = await client.GetAsync($"/dev/mailbox?to={Uri.EscapeDataString(to)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.StartsWith("开发邮箱", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var rows = page.QuerySelectorAll("table.messages tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("请审核申报", rows[0].QuerySelector("a")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("申报已受理", rows[1].QuerySelector("a")!.TextContent, StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Equal(to, r.Children[1].TextContent));
    }

    [Fact]
    public async Task MessagePage_ShowsHeadersBodiesAndEveryLinkToFollow()
    {
        var to = LocalMailboxClient.UniqueAddress("reviewer");
        var mail = SendGridMailSenderTests.ReviewRequest(to, out var links);
        await host.Sender.SendAsync(mail);
        var list = parser.ParseDocument(await client.GetStringAsync($"/dev/mailbox?to={Uri.EscapeDataString(to)}"));
        var href = list.QuerySelector("table.messages tbody tr a")!.GetAttribute("href")!;

        var page = parser.ParseDocument(await client.GetStringAsync(href));

        Assert.Equal(mail.Subject, page.QuerySelector("h1.subject")!.TextContent);
        Assert.Equal(to, page.QuerySelector("dd.to")!.TextContent);
        Assert.Equal(mail.IdempotencyKey, page.QuerySelector("dd.custom-arg")!.TextContent);
        var shown = page.QuerySelectorAll("ul.links a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal(links.Select(l => ($"{l.LabelZh} / {l.LabelEn}", (string?)l.Url.AbsoluteUri)), shown);
        var frame = page.QuerySelector("iframe.html-body")!;
        Assert.Contains(mail.HtmlBody, frame.GetAttribute("srcdoc"), StringComparison.Ordinal);
        Assert.DoesNotContain("allow-scripts", frame.GetAttribute("sandbox"), StringComparison.Ordinal);
        Assert.Equal(mail.TextBody, page.QuerySelector("pre.text-body")!.TextContent);
    }

    [Fact]
    public async Task MessagePage_UnknownOrMalformedId_Returns404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/mailbox/0000000000000000000-deadbeef")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/mailbox/..%2Fsecret")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/mailbox/api/messages/nope")).StatusCode);
    }

    [Fact]
    public async Task WithoutStorage_StartFailsNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            MailTestHost.StartAsync(new Dictionary<string, string?> { ["BrandFlow:Mail:LocalEndpoint"] = "true", ["BrandFlow:Mail:ApiKey"] = "k" }));

        Assert.Contains(failure.Failures, f => f.Contains("BrandFlowStorage 未设置", StringComparison.Ordinal) && f.Contains("is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutLocalEndpoint_MapsNoMailRoutes()
    {
        await using var app = await MailTestHost.StartAsync(new Dictionary<string, string?> { ["BrandFlowStorage"] = Azurite.ConnectionString });
        using var bare = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        Assert.NotNull(app.Services.GetService<IMailSender>());
        Assert.Equal(HttpStatusCode.NotFound, (await bare.GetAsync("/dev/mailbox")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bare.PostAsync("/v3/mail/send", new StringContent("{}"))).StatusCode);
        Assert.IsType<SendGridMailSender>(app.Services.GetService<IMailSender>());
    }
}
