using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;
using BrandFlow.Policy.Loading;
using BrandFlow.Policy.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BrandFlow.Integration.Tests.Awards;

/// <summary>
/// The app on Azurite with its own award tables, task hub and catalog table, mail captured in memory (the mailbox the
/// tests read links from), and the people of a small 崇阳 set-up registered through the service.
/// </summary>
public sealed partial class AwardsApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string FirmA = "91421223AY4CL12T07";
    public const string FirmB = "91421223MA4B7C8D9K";
    public static readonly UserAccount Root = new("root@test.local", "Root", [Role.Administrator]);

    private readonly string suffix = Guid.NewGuid().ToString("N")[..10];

    public CapturedMail Mail { get; } = new();

    public AwardsService Service => this.Services.GetRequiredService<AwardsService>();

    public AwardsPorts Ports => this.Services.GetRequiredService<AwardsPorts>();

    public async Task InitializeAsync()
    {
        var table = Azurite.UniqueName("awpolicies");
        await new TableCatalogStore(new TableServiceClient(Azurite.ConnectionString).GetTableClient(table), TimeProvider.System)
            .LoadAsync(CatalogLoader.ParseDirectory(Repository.Policies));

        // Read when the host is built (any fully loaded catalog table will do, so concurrent fixtures do not matter).
        Environment.SetEnvironmentVariable("BrandFlowStorage", Azurite.ConnectionString);
        Environment.SetEnvironmentVariable("BrandFlow__PolicyTable", table);
        Environment.SetEnvironmentVariable("BrandFlow__Links__SigningKey", Convert.ToBase64String(new byte[32]));
        Environment.SetEnvironmentVariable("BrandFlow__Mail__ApiKey", "SG.integration-test");
        _ = this.Server;
        await this.SeedAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>A client keeping cookies, not following redirects, asking for the given language.</summary>
    public HttpClient Client(string language = "zh-CN")
    {
        // HTTPS: the test host runs as Production, where the session cookie is Secure.
        var client = this.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    /// <summary>Signs a client in the way a person does: request a link, open it from the mail, confirm by POST.</summary>
    public async Task<HttpClient> SignInAsync(string email, string language = "zh-CN")
    {
        var client = this.Client(language);
        var before = this.Mail.To(email).Count;
        (await client.PostAsJsonAsync("/api/signin/request-link", new { email })).EnsureSuccessStatusCode();
        var mail = this.Mail.To(email).Skip(before).Single();
        var link = LinkIn(mail.HtmlBody, "/signin?t=");
        var page = await client.GetStringAsync(link.PathAndQuery);
        var form = new Dictionary<string, string>
        {
            ["t"] = Uri.UnescapeDataString(Regex.Match(link.Query, "t=([^&]+)").Groups[1].Value),
            ["__RequestVerificationToken"] = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value,
        };
        var confirmed = await client.PostAsync("/signin", new FormUrlEncodedContent(form));
        Assert.True(confirmed.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, $"sign-in answered {(int)confirmed.StatusCode}");
        return client;
    }

    /// <summary>The first absolute link in a mail whose path starts as given.</summary>
    public static Uri LinkIn(string html, string pathStart)
    {
        var match = Regex.Match(WebUtility.HtmlDecode(html), "https?://[^\"'<>\\s]*" + Regex.Escape(pathStart) + "[^\"'<>\\s]*");
        Assert.True(match.Success, $"no link to {pathStart} in the mail");
        return new Uri(match.Value);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("BrandFlow:StoragePrefix", "t" + this.suffix);
        builder.UseSetting("BrandFlow:TaskHub", "hub" + this.suffix);
        builder.UseSetting("BrandFlow:PublicBaseUrl", "http://localhost");
        builder.UseSetting("BrandFlow:Worker:MaxPollingMilliseconds", "250");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IMailSender>(this.Mail);
            services.AddSingleton<IMailFailureLog>(this.Mail);
        });
    }

    private async Task SeedAsync()
    {
        await this.Service.UpsertFirmAsync(Root, new Firm(FirmA, "青山茶业", "enterprise", "421223", "a@test.local", "农行", "111", "county"));
        await this.Service.UpsertFirmAsync(Root, new Firm(FirmB, "白岩竹业", "enterprise", "421223", "b@test.local", "工行", "222", "county"));
        foreach (var account in new UserAccount[]
        {
            new("applicant-a@test.local", "A", [Role.Applicant], CreditCode: FirmA),
            new("applicant-b@test.local", "B", [Role.Applicant], CreditCode: FirmB),
            new("reviewer-amr@test.local", "R1", [Role.Reviewer], "cy-amr"),
            new("reviewer-amr2@test.local", "R2", [Role.Reviewer], "cy-amr"),
            new("reviewer-agri@test.local", "R3", [Role.Reviewer], "cy-agri"),
            new("head-amr@test.local", "H", [Role.DepartmentHead], "cy-amr"),
            new("clerk@test.local", "Clerk", [Role.Clerk]),
            new("finance@test.local", "Finance", [Role.Finance]),
            new("admin@test.local", "Admin", [Role.Administrator]),
        })
        {
            await this.Service.UpsertAccountAsync(Root, account);
        }
    }

    /// <summary>Mail captured in memory, by recipient.</summary>
    public sealed class CapturedMail : IMailSender, IMailFailureLog
    {
        private readonly ConcurrentDictionary<string, bool> keys = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<OutgoingMail> sent = new();

        /// <summary>Messages to an address, oldest first.</summary>
        public IReadOnlyList<OutgoingMail> To(string email) => this.sent.Where(m => m.To == email).ToList();

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
        {
            if (this.keys.TryAdd(mail.IdempotencyKey, true))
            {
                this.sent.Enqueue(mail);
            }

            return Task.CompletedTask;
        }

        public Task RecordAsync(MailFailure failure, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<IReadOnlyList<MailFailure>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<MailFailure>>([]);
    }
}
