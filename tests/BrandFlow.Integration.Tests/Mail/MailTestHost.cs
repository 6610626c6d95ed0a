using BrandFlow.App.Mail;
using BrandFlow.Hosting;
using BrandFlow.Hosting.Mail;
using BrandFlow.Awards.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandFlow.Integration.Tests.Mail;

/// <summary>
/// The app's mail setup on a real Kestrel socket (SendGrid's client needs HTTP), against Azurite, with its own mailbox
/// container and tables. The sender's SendGrid host is the app itself, as in local development.
/// </summary>
public sealed class MailTestHost : IAsyncLifetime
{
    public const string ApiKey = "SG.test-key-for-the-local-endpoint";

    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    public LocalMailFaults Faults => Services.GetRequiredService<LocalMailFaults>();

    public IMailSender Sender => Services.GetRequiredService<IMailSender>();

    public IMailFailureLog Failures => Services.GetRequiredService<IMailFailureLog>();

    public MailOptions Options => Services.GetRequiredService<MailOptions>();

    public async Task InitializeAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        app = await StartAsync(new Dictionary<string, string?>
        {
            ["BrandFlowStorage"] = Azurite.ConnectionString,
            ["BrandFlow:Mail:ApiKey"] = ApiKey,
            ["BrandFlow:Mail:From"] = "noreply@brandflow.test",
            ["BrandFlow:Mail:FromName"] = "BrandFlow 测试",
            ["BrandFlow:Mail:LocalEndpoint"] = "true",
            ["BrandFlow:Mail:MailboxContainer"] = $"mailbox-{suffix}",
            ["BrandFlow:Mail:SentTable"] = $"mailsent{suffix}",
            ["BrandFlow:Mail:FailureTable"] = $"mailfailures{suffix}",
            ["BrandFlow:Mail:RetryDelay"] = "00:00:00.020",
        });
        BaseAddress = new Uri(app.Urls.Single());

        // The port is known only now; the sender builds its SendGrid client on first send.
        Options.Host = BaseAddress.ToString();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Another sender over the same logs, with changed options (wrong key, unreachable host).</summary>
    public SendGridMailSender CreateSender(Action<MailOptions> change)
    {
        var options = new MailOptions
        {
            ApiKey = ApiKey,
            Host = BaseAddress.ToString(),
            From = Options.From,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        change(options);
        return new SendGridMailSender(
            options,
            Services.GetRequiredService<MailSentLog>(),
            Services.GetRequiredService<TableMailFailureLog>(),
            TimeProvider.System,
            NullLogger<SendGridMailSender>.Instance);
    }

    /// <summary>Builds and starts the mail part of the app on a free loopback port.</summary>
    public static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        // Only these settings: other test classes set BrandFlow__* environment variables for their apps in this process.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddBrandFlowSettings(HostRequirements.Local);
        builder.AddBrandFlowMailSender();
        builder.AddBrandFlowMail();
        var started = builder.Build();
        started.MapBrandFlowMail();
        await started.StartAsync();
        return started;
    }
}
