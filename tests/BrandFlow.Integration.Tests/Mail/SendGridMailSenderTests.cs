using AngleSharp.Html.Parser;
using BrandFlow.App.Mail;
using BrandFlow.Hosting.Mail;
using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;

namespace BrandFlow.Integration.Tests.Mail;

/// <summary>The real SendGrid client against the in-app endpoint on Azurite: delivery, idempotency, retries, failures.</summary>
public sealed class SendGridMailSenderTests(MailTestHost host) : IClassFixture<MailTestHost>
{
    private readonly HttpClient client = host.CreateClient();

    [Fact]
    public async Task SendAsync_ComposedMail_AppearsInMailboxWithLinksIntact()
    {
        var to = LocalMailboxClient.UniqueAddress("reviewer");
        var mail = ReviewRequest(to, out var links);

        await host.Sender.SendAsync(mail);

        var stored = Assert.Single(await client.MessagesToAsync(to));
        Assert.Equal(mail.Subject, stored.Subject);
        Assert.Equal(mail.HtmlBody, stored.HtmlBody);
        Assert.Equal(mail.TextBody, stored.TextBody);
        Assert.Equal("BrandFlow 测试 <noreply@brandflow.test>", stored.From);
        Assert.Equal(["ReviewRequested"], stored.Categories);
        Assert.Equal(mail.IdempotencyKey, stored.CustomArgs![SendGridMailSender.IdempotencyArg]);
        var buttons = new HtmlParser().ParseDocument(stored.HtmlBody).QuerySelectorAll("a.mail-button").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(links.Select(l => l.Url.AbsoluteUri), buttons);
        Assert.All(links, l => Assert.Contains(l.Url.AbsoluteUri, stored.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_SameKeyTwice_DeliversOnce()
    {
        var to = LocalMailboxClient.UniqueAddress("applicant");
        var mail = Received(to, $"app-{Guid.NewGuid():N}/received");
        var before = host.Faults.Received;

        await host.Sender.SendAsync(mail);
        await host.Sender.SendAsync(mail);
        await host.Sender.SendAsync(mail with { Subject = "changed on retry" });

        Assert.Single(await client.MessagesToAsync(to));
        Assert.Equal(1, host.Faults.Received - before);
    }

    [Fact]
    public async Task SendAsync_WrongApiKey_RecordsRefusalWithoutRetryAndThrows()
    {
        var to = LocalMailboxClient.UniqueAddress("applicant");
        var mail = Received(to, $"app-{Guid.NewGuid():N}/received");
        using var sender = host.CreateSender(o => o.ApiKey = "SG.wrong");
        var before = host.Faults.Received;

        var error = await Assert.ThrowsAsync<MailSendException>(() => sender.SendAsync(mail));

        Assert.Equal(401, error.StatusCode);
        Assert.False(error.Transient);
        Assert.Equal(1, host.Faults.Received - before);
        var failure = Assert.Single(await host.Failures.ListAsync(), f => f.IdempotencyKey == mail.IdempotencyKey);
        Assert.Equal(1, failure.Attempts);
        Assert.Equal(to, failure.To);
        Assert.Contains("401", failure.Error, StringComparison.Ordinal);
        Assert.Empty(await client.MessagesToAsync(to));
    }

    [Fact]
    public async Task SendAsync_TransientFailuresThenSuccess_RetriesAndDeliversWithoutFailure()
    {
        var to = LocalMailboxClient.UniqueAddress("finance");
        var mail = Received(to, $"app-{Guid.NewGuid():N}/received");
        var before = host.Faults.Received;
        host.Faults.FailNext(2, 503);

        await host.Sender.SendAsync(mail);

        Assert.Equal(3, host.Faults.Received - before);
        Assert.Single(await client.MessagesToAsync(to));
        Assert.DoesNotContain(await host.Failures.ListAsync(), f => f.IdempotencyKey == mail.IdempotencyKey);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task SendAsync_EndpointKeepsFailing_RecordsFailureThrowsAndLaterSuccessResolvesIt(int status)
    {
        var to = LocalMailboxClient.UniqueAddress("clerk");
        var mail = Received(to, $"app-{Guid.NewGuid():N}/received");
        var before = host.Faults.Received;
        host.Faults.FailNext(host.Options.MaxAttempts, status);

        var error = await Assert.ThrowsAsync<MailSendException>(() => host.Sender.SendAsync(mail));

        Assert.True(error.Transient);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(host.Options.MaxAttempts, host.Faults.Received - before);
        var failure = Assert.Single(await host.Failures.ListAsync(), f => f.IdempotencyKey == mail.IdempotencyKey);
        Assert.Equal(host.Options.MaxAttempts, failure.Attempts);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Error, StringComparison.Ordinal);
        Assert.Empty(await client.MessagesToAsync(to));

        // The activity's own retry, later: the endpoint is back.
        await host.Sender.SendAsync(mail);

        Assert.Single(await client.MessagesToAsync(to));
        Assert.DoesNotContain(await host.Failures.ListAsync(), f => f.IdempotencyKey == mail.IdempotencyKey);
    }

    [Fact]
    public async Task SendAsync_FailingAgain_AddsAttemptsToTheRecordedFailure()
    {
        var mail = Received(LocalMailboxClient.UniqueAddress("clerk"), $"app-{Guid.NewGuid():N}/received");
        host.Faults.FailNext(2 * host.Options.MaxAttempts, 500);

        await Assert.ThrowsAsync<MailSendException>(() => host.Sender.SendAsync(mail));
        await Assert.ThrowsAsync<MailSendException>(() => host.Sender.SendAsync(mail));

        var failure = Assert.Single(await host.Failures.ListAsync(), f => f.IdempotencyKey == mail.IdempotencyKey);
        Assert.Equal(2 * host.Options.MaxAttempts, failure.Attempts);
    }

    [Fact]
    public async Task SendAsync_HostUnreachable_RetriesThenRecordsNetworkFailure()
    {
        var mail = Received(LocalMailboxClient.UniqueAddress("applicant"), $"app-{Guid.NewGuid():N}/received");
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var sender = host.CreateSender(o => o.Host = $"http://127.0.0.1:{closedPort}");

        var error = await Assert.ThrowsAsync<MailSendException>(() => sender.SendAsync(mail));

        Assert.True(error.Transient);
        Assert.IsType<HttpRequestException>(error.InnerException);
        var failure = Assert.Single(await host.Failures.ListAsync(), f => f.IdempotencyKey == mail.IdempotencyKey);
        Assert.Equal(3, failure.Attempts);
        Assert.Contains("network error", failure.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NoApiKey_RecordsConfigurationFailure()
    {
        var mail = Received(LocalMailboxClient.UniqueAddress("applicant"), $"app-{Guid.NewGuid():N}/received");
        using var sender = host.CreateSender(o => o.ApiKey = null);

        var error = await Assert.ThrowsAsync<MailSendException>(() => sender.SendAsync(mail));

        Assert.False(error.Transient);
        Assert.Contains("BrandFlow:Mail:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(await host.Failures.ListAsync(), f => f.IdempotencyKey == mail.IdempotencyKey);
    }

    internal static OutgoingMail ReviewRequest(string to, out (string LabelZh, string LabelEn, Uri Url)[] links)
    {
        var token = "eyJ0IjoiMSJ9.c2ln-_";
        links =
        [
            ("批准", "Approve", new Uri($"https://brandflow.example/review/confirm?token={token}&action=approve")),
            ("退回", "Reject", new Uri($"https://brandflow.example/review/confirm?token={token}&action=reject")),
            ("要求补充信息", "Ask for information", new Uri($"https://brandflow.example/review/confirm?token={token}&action=request-information")),
        ];
        var values = new Dictionary<string, string>
        {
            ["applicationId"] = "app-2025-0001",
            ["applicantName"] = "咸宁市名优食品有限公司 <Foods & Co>",
            ["department"] = "市市场监督管理局",
            ["round"] = "1",
            ["clauses"] = "中国驰名商标",
            ["expiresAt"] = "2025-06-30 17:00",
        };
        return MailComposer.Compose(MailKind.ReviewRequested, $"app-{Guid.NewGuid():N}/review/1", to, "zh", values, links);
    }

    internal static OutgoingMail Received(string to, string key) => MailComposer.Compose(
        MailKind.ApplicationReceived,
        key,
        to,
        "zh",
        new Dictionary<string, string>
        {
            ["applicationId"] = "app-2025-0002",
            ["applicantName"] = "测试企业",
            ["cycleName"] = "2025 年度品牌奖励",
            ["clauses"] = "中国驰名商标",
            ["estimate"] = "400,000.00",
        });
}
