using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AngleSharp.Html.Parser;
using Azure.Data.Tables;
using BrandFlow.App.Mail;
using BrandFlow.Hosting.Mail;
using BrandFlow.Policy.Loading;
using BrandFlow.Policy.Tables;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandFlow.Integration.Tests.Mail;

/// <summary>
/// The whole app as its own process (as `BrandFlow.App serve` runs locally), configured through the environment with the
/// local endpoint on: a mail sent by the SendGrid client lands in its mailbox and its links can be followed.
/// </summary>
public sealed class AppProcessMailTests
{
    [Fact]
    public async Task Serve_WithLocalEndpoint_ReceivesSendGridMailAndShowsItInTheMailbox()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var policyTable = $"mailapppolicies{suffix}";
        var tables = new TableServiceClient(Azurite.ConnectionString);
        await new TableCatalogStore(tables.GetTableClient(policyTable), TimeProvider.System).LoadAsync(CatalogLoader.ParseDirectory(Repository.Policies));
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var options = new MailOptions { ApiKey = "SG.app-process-key", Host = address.ToString(), SentTable = $"mailsent{suffix}", FailureTable = $"mailfailures{suffix}" };
        using var app = Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/'),
            ["BrandFlowStorage"] = Azurite.ConnectionString,
            ["BrandFlow__PolicyTable"] = policyTable,
            ["BrandFlow__PoliciesPath"] = Repository.Policies,
            ["BrandFlow__Mail__LocalEndpoint"] = "true",
            ["BrandFlow__Mail__ApiKey"] = options.ApiKey,
            ["BrandFlow__Mail__Host"] = options.Host,
            ["BrandFlow__Mail__MailboxContainer"] = $"mailbox-app-{suffix}",
        });
        try
        {
            using var client = new HttpClient { BaseAddress = address };
            await WaitUntilHealthyAsync(client, app);
            using var sender = new SendGridMailSender(
                options,
                new MailSentLog(tables.GetTableClient(options.SentTable)),
                new TableMailFailureLog(tables.GetTableClient(options.FailureTable), TimeProvider.System),
                TimeProvider.System,
                NullLogger<SendGridMailSender>.Instance);
            var to = LocalMailboxClient.UniqueAddress("reviewer");
            var mail = SendGridMailSenderTests.ReviewRequest(to, out var links);

            await sender.SendAsync(mail);

            var stored = Assert.Single(await client.MessagesToAsync(to));
            Assert.Equal(mail.HtmlBody, stored.HtmlBody);
            var page = new HtmlParser().ParseDocument(await client.GetStringAsync($"/dev/mailbox/{stored.MessageId}"));
            Assert.Equal(links.Select(l => l.Url.AbsoluteUri), page.QuerySelectorAll("ul.links a").Select(a => a.GetAttribute("href")!));
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentQueue<string> Output = new();

    private static Process Start(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BrandFlow.App.dll"));
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Output.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => Output.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilHealthyAsync(HttpClient client, Process app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(app.HasExited, $"the app exited early:\n{string.Join('\n', Output)}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        Assert.Fail($"the app did not answer /health within 60 s:\n{string.Join('\n', Output)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
