using Azure.Data.Tables;
using BrandFlow.Policy.Loading;
using BrandFlow.Policy.Tables;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BrandFlow.Pages.Tests.Infrastructure;

/// <summary>
/// The real app on a real Kestrel port (loopback, port chosen by the OS) against Azurite, and Debian's chromium driven
/// by Playwright. One per test class collection: starting both takes a few seconds, a test then only opens a context.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    /// <summary>Chromium from apt (scripts/chromium.sh installs it); Playwright's own download cannot reach its CDN here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string policyTable = AzuriteStorage.Unique("pgpolicies");
    private AppFactory? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>Base address of the running app, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The app's services (to seed accounts and firms the way an administrator would).</summary>
    public IServiceProvider Services => factory?.Services ?? throw new InvalidOperationException("not started");

    /// <summary>Loads the catalog into a fresh table, starts the app on Kestrel and launches chromium.</summary>
    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run the tests with scripts/test.sh (it installs chromium from apt)");
        }

        var table = new TableServiceClient(AzuriteStorage.ConnectionString).GetTableClient(policyTable);
        await new TableCatalogStore(table, TimeProvider.System).LoadAsync(CatalogLoader.ParseDirectory(AzuriteStorage.Policies));
        foreach (var (name, value) in Settings())
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        factory = new AppFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

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
        context.SetDefaultTimeout(10_000);
        return await context.NewPageAsync();
    }

    /// <summary>Closes the browser and stops the app.</summary>
    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }

    /// <summary>Environment the app reads its configuration from (the same variables scripts/start.sh sets).</summary>
    private IEnumerable<(string Name, string Value)> Settings()
    {
        yield return ("BrandFlow__Storage", AzuriteStorage.ConnectionString);
        yield return ("BrandFlow__PolicyTable", policyTable);
        yield return ("BrandFlow__PoliciesPath", AzuriteStorage.Policies);
    }

    private sealed class AppFactory : WebApplicationFactory<Program>
    {
    }
}

/// <summary>Browser tests share one app and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    /// <summary>Collection name.</summary>
    public const string Name = "browser";
}
