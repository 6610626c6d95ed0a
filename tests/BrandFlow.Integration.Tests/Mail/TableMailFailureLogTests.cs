using Azure.Data.Tables;
using BrandFlow.App.Mail;
using BrandFlow.Hosting.Mail;
using BrandFlow.Awards.Model;

namespace BrandFlow.Integration.Tests.Mail;

/// <summary>The failure table on Azurite: newest first, attempts never lowered, resolution hides a failure until it fails again.</summary>
public sealed class TableMailFailureLogTests
{
    private readonly TableMailFailureLog log = new(
        new TableServiceClient(Azurite.ConnectionString).GetTableClient(Azurite.UniqueName("mailfailures")),
        TimeProvider.System);

    [Fact]
    public async Task ListAsync_SeveralFailures_NewestFirst()
    {
        var start = new DateTimeOffset(2025, 5, 6, 1, 0, 0, TimeSpan.Zero);
        await log.RecordAsync(new MailFailure("a", "a@example.test", "主题 A", "SendGrid 503", 3, start));
        await log.RecordAsync(new MailFailure("b/1", "b@example.test", "主题 B", "SendGrid 401", 1, start.AddMinutes(5)));

        var failures = await log.ListAsync();

        Assert.Equal(["b/1", "a"], failures.Select(f => f.IdempotencyKey));
        Assert.Equal(new MailFailure("b/1", "b@example.test", "主题 B", "SendGrid 401", 1, start.AddMinutes(5)), failures[0]);
    }

    [Fact]
    public async Task RecordAsync_FewerAttemptsLater_KeepsHigherCountAndNewerError()
    {
        var at = new DateTimeOffset(2025, 5, 6, 1, 0, 0, TimeSpan.Zero);
        await log.RecordAsync(new MailFailure("k", "a@example.test", "s", "SendGrid 503", 3, at));
        await log.RecordAsync(new MailFailure("k", "a@example.test", "s", "邮件发送失败 / failed", 1, at.AddMinutes(1)));

        var failure = Assert.Single(await log.ListAsync());

        Assert.Equal(3, failure.Attempts);
        Assert.Equal("邮件发送失败 / failed", failure.Error);
    }

    [Fact]
    public async Task ResolveAsync_HidesFailureUntilItFailsAgain()
    {
        var at = new DateTimeOffset(2025, 5, 6, 1, 0, 0, TimeSpan.Zero);
        await log.RecordAsync(new MailFailure("k", "a@example.test", "s", "SendGrid 503", 3, at));

        await log.ResolveAsync("k");
        await log.ResolveAsync("never-failed");

        Assert.Empty(await log.ListAsync());
        Assert.Null(await log.GetAsync("k"));
        await log.RecordAsync(new MailFailure("k", "a@example.test", "s", "SendGrid 500", 1, at.AddHours(1)));
        Assert.Equal(1, Assert.Single(await log.ListAsync()).Attempts);
    }
}
