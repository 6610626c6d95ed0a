using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BrandFlow.Policy.Loading;
using BrandFlow.Policy.Tables;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BrandFlow.Pages.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port (loopback, port chosen by the OS) against Azurite, and Debian's chromium driven
/// by Playwright. One per test class collection: starting both takes a few seconds, a test then only opens a context.
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    /// <summary>Chromium from apt (scripts/chromium.sh installs it); Playwright's own download cannot reach its CDN here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string policyTable = Azurite.UniqueName("pgpolicies");
    private readonly int port = FreePort();
    private AppFactory? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>Base address of the running app, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A plain HTTP client on the app (the development mailbox's JSON).</summary>
    public HttpClient Http { get; private set; } = new();

    /// <summary>The app's services (to seed accounts and firms the way an administrator would).</summary>
    public IServiceProvider Services => factory?.Services ?? throw new InvalidOperationException("not started");

    /// <summary>Loads the catalog into a fresh table, starts the app on Kestrel and launches chromium.</summary>
    public async Task InitializeAsync()
    {
        if (LaunchesBrowser && !File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run the tests with scripts/test.sh (it installs chromium from apt)");
        }

        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(policyTable);
        await new TableCatalogStore(table, TimeProvider.System).LoadAsync(CatalogLoader.ParseDirectory(Repository.Policies));
        foreach (var (name, value) in Settings())
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        factory = new AppFactory(ConfigureServices);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());

        // Browsers PUT evidence straight into Blob Storage: the account must allow the app's origin (CORS).
        var blobs = new BlobServiceClient(Azurite.ConnectionString);
        var properties = (await blobs.GetPropertiesAsync()).Value;
        properties.Cors = [new BlobCorsRule
        {
            AllowedOrigins = BaseAddress.GetLeftPart(UriPartial.Authority),
            AllowedMethods = "PUT,GET,HEAD,OPTIONS",
            AllowedHeaders = "content-type,content-length,x-ms-blob-type,x-ms-version,x-ms-date,x-ms-client-request-id",
            ExposedHeaders = "etag,content-length,content-type",
            MaxAgeInSeconds = 600,
        }];
        await blobs.SetPropertiesAsync(properties);
        Http = new HttpClient { BaseAddress = BaseAddress };

        if (!LaunchesBrowser)
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a page on the app.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await (browser ?? throw new InvalidOperationException("not started")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "zh-CN",
        });
        // Generous: CI runs the test projects in parallel on two cores, and a page that waits on storage can take seconds.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Whether chromium is launched (API-only tests derive and say no).</summary>
    protected virtual bool LaunchesBrowser => true;

    /// <summary>Replaces app services after the app registered its own (e.g. the clock); nothing by default.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Closes the browser and stops the app.</summary>
    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        Http.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }

    /// <summary>Environment the app reads its configuration from (the same variables scripts/start.sh sets).</summary>
    private IEnumerable<(string Name, string Value)> Settings()
    {
        yield return ("BrandFlowStorage", Azurite.ConnectionString);
        yield return ("BrandFlow__PolicyTable", policyTable);
        yield return ("BrandFlow__PoliciesPath", Repository.Policies);

        // Mail goes through the real SendGrid client to the app's own SendGrid-compatible endpoint and its mailbox.
        var self = $"http://127.0.0.1:{port}";
        yield return ("BrandFlow__Mail__LocalEndpoint", "true");
        yield return ("BrandFlow__Mail__ApiKey", "pages-test-key");
        yield return ("BrandFlow__Mail__Host", self);
        yield return ("BrandFlow__Mail__MailboxContainer", Azurite.UniqueName("pgmailbox"));
        yield return ("BrandFlow__PublicBaseUrl", self);

        // Award tables, containers and the task hub of this run only; a fixed signing key (the app runs as in production).
        var suffix = Guid.NewGuid().ToString("N")[..8];
        yield return ("BrandFlow__StoragePrefix", "pg" + suffix);
        yield return ("BrandFlow__TaskHub", "pghub" + suffix);
        yield return ("BrandFlow__Worker__MaxPollingMilliseconds", "250");
        yield return ("BrandFlow__Links__SigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class AppFactory(Action<IServiceCollection> configureServices) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
            builder.ConfigureTestServices(configureServices);
    }
}

/// <summary>Browser tests share one app and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    /// <summary>Collection name.</summary>
    public const string Name = "browser";
}
