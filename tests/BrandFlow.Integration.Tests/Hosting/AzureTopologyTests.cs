using System.Text.Json;
using System.Text.RegularExpressions;
using BrandFlow.Hosting;
using BrandFlow.Hosting.Api;
using BrandFlow.Hosting.Awards;
using BrandFlow.Hosting.Mail;
using BrandFlow.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BrandFlow.Integration.Tests.Hosting;

/// <summary>
/// What runs where in Azure, checked against the code: every route the local host serves is served in Azure (by the
/// web app; the JSON API also by the Function App, whose functions.metadata tests/BrandFlow.Functions.Tests checks
/// against <see cref="ApiOperations.All"/>) and nothing is served in Azure that the local host does not serve; every app
/// setting infra/main.bicep defines is one the apps read, and what the apps require at start is all defined.
/// </summary>
public sealed partial class AzureTopologyTests(PolicyApiTests.LoadedApp local) : IClassFixture<PolicyApiTests.LoadedApp>
{
    private static readonly string Root = Repository.Root;

    /// <summary>Routes only the local host has: the development mailbox and the SendGrid-compatible endpoint.</summary>
    private static bool DevelopmentOnly(string route) => route.Contains(" /dev/", StringComparison.Ordinal) || route.EndsWith(" /v3/mail/send", StringComparison.Ordinal);

    [Fact]
    public void EveryLocalRoute_IsServedInAzure_AndTheReverse()
    {
        Environment.SetEnvironmentVariable("BrandFlow__Links__SigningKey", Convert.ToBase64String(new byte[32]));
        _ = local.CreateClient();
        var localRoutes = Routes(local.Services.GetRequiredService<EndpointDataSource>().Endpoints);
        var web = BuildWebApp();
        var webRoutes = Routes(((IEndpointRouteBuilder)web).DataSources.SelectMany(d => d.Endpoints));
        var functionRoutes = ApiOperations.All.Select(o => $"{o.Method} /api/{o.Route}").ToHashSet(StringComparer.Ordinal);
        var azure = webRoutes.Union(functionRoutes).ToHashSet(StringComparer.Ordinal);

        // The pages, their emailed links (/review/decide, /signin), the static files' host and the API are all there.
        Assert.Contains("GET /review/decide", webRoutes);
        Assert.Contains("GET /health", webRoutes);
        Assert.True(localRoutes.Count(r => !r.Contains(" /api/", StringComparison.Ordinal)) >= 20, string.Join(", ", localRoutes));
        Assert.Empty(localRoutes.Where(r => !DevelopmentOnly(r)).Except(azure));
        Assert.Empty(azure.Except(localRoutes));
        Assert.DoesNotContain(webRoutes, DevelopmentOnly);

        // The function app's API is the web app's API: a browser and an API client see the same operations.
        Assert.Subset(webRoutes.ToHashSet(StringComparer.Ordinal), functionRoutes);
    }

    [Fact]
    public async Task WebApp_StartsAsADurableClient_AndServesPagesStaticFilesAndHealth()
    {
        _ = local.CreateClient();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await using var web = WebProgram.Build([], builder =>
        {
            // The fixture's environment (storage, policy table, keys) plus what Azure adds; a task hub of its own.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["BrandFlow:DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
                ["BrandFlow:DataProtection:Container"] = "dp" + suffix,
                ["BrandFlow:PublicBaseUrl"] = "https://app-example.azurewebsites.net",
                ["BrandFlow:TaskHub"] = "web" + suffix,
                ["BrandFlow:StoragePrefix"] = "w" + suffix,
            });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await web.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(web.Urls.Single()) };

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(BrandFlow.Site.SiteComposition.WebRoot, "css", "site.css")), await client.GetStringAsync("/css/site.css"));
        Assert.Contains("XMLHttpRequest", await client.GetStringAsync("/js/upload.js"), StringComparison.Ordinal);
        var signIn = await client.GetAsync("/signin");
        Assert.Equal(System.Net.HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("/css/site.css", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The emailed reviewer link is a page here (anonymous: sent to sign in, not a 404).
        var decide = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = client.BaseAddress }.GetAsync("/review/decide?t=x");
        Assert.NotEqual(System.Net.HttpStatusCode.NotFound, decide.StatusCode);
        Assert.True((int)decide.StatusCode < 500, $"/review/decide answered {(int)decide.StatusCode}");

        // A durable client only: the engine runs no work here.
        Assert.False(web.Services.GetRequiredService<IOptions<BrandFlow.Engine.Local.LocalEngineOptions>>().Value.ProcessWork);
        await web.StopAsync();
    }

    [Fact]
    public void WebAppPublish_HasThePagesAssetsAndCatalog_AndNoDevelopmentParts()
    {
        var published = Repository.WebPublish;

        Assert.True(File.Exists(Path.Combine(published, "BrandFlow.Web.dll")));
        Assert.True(File.Exists(Path.Combine(published, "BrandFlow.Site.dll")));
        Assert.True(File.Exists(Path.Combine(published, "wwwroot", "css", "site.css")));
        Assert.True(File.Exists(Path.Combine(published, "wwwroot", "js", "upload.js")));
        Assert.True(File.Exists(Path.Combine(published, "policies", "calendar", "china-working-days.yaml")));
        Assert.False(File.Exists(Path.Combine(published, "BrandFlow.App.dll")), "the local host (development mail, mailbox) is in the web app's publish");
        Assert.False(File.Exists(Path.Combine(published, "brandflow.dll")), "the command line is in the web app's publish");
    }

    [Fact]
    public void EveryBicepSetting_IsReadByTheApp()
    {
        var readable = ReadableSettings();
        foreach (var (app, settings) in BicepSettings())
        {
            foreach (var name in settings.Keys)
            {
                var key = name.Replace("__", ":", StringComparison.Ordinal);
                var hostOnly = app == "functions" && name.StartsWith("AzureWebJobsStorage__", StringComparison.Ordinal);
                Assert.True(hostOnly || readable.Contains(key), $"{app}: app setting {name} is not read by BrandFlow");
            }
        }
    }

    [Fact]
    public void TheSettingsBicepDefines_PassTheAppsStartValidation_AndEachRequiredOneIsThere()
    {
        foreach (var (app, settings) in BicepSettings())
        {
            var values = settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => (string?)Sample(s.Key, s.Value), StringComparer.OrdinalIgnoreCase);
            var failures = Validate(values);
            Assert.True(failures.Count == 0, $"{app}: {string.Join("; ", failures)}");

            // Taking away any one of these makes start-up fail naming it: each is required in Azure and Bicep sets it.
            foreach (var required in new[] { "BrandFlowStorage:accountName", "BrandFlow:Links:SigningKey", "BrandFlow:Mail:ApiKey", "BrandFlow:DataProtection:KeyEncryptionKey", "BrandFlow:Mail:From" })
            {
                var without = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase) { [required] = null };
                if (required == "BrandFlow:Mail:From")
                {
                    without[required] = "";
                }

                Assert.Contains(Validate(without), f => f.Contains(required.Replace(":", "__", StringComparison.Ordinal), StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task WebApp_AndFunctionApp_AgreeOnTheTaskHub()
    {
        var host = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Root, "functions", "BrandFlow.Functions", "host.json"))).RootElement;
        var durable = host.GetProperty("extensions").GetProperty("durableTask");
        var provider = durable.GetProperty("storageProvider");
        var settings = BicepSettings();
        var bicep = await File.ReadAllTextAsync(Path.Combine(Root, "infra", "main.bicep"));

        Assert.Equal("%BrandFlow__TaskHub%", durable.GetProperty("hubName").GetString());
        Assert.Equal(StorageConnection.Name, provider.GetProperty("connectionName").GetString());
        Assert.Equal(
            provider.GetProperty("partitionCount").GetInt32(),
            int.Parse(PartitionCountPattern().Match(bicep).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("BrandFlow__Worker__PartitionCount", settings["web"].Keys);
        foreach (var app in new[] { "functions", "web" })
        {
            Assert.Contains("BrandFlow__TaskHub", settings[app].Keys);
            Assert.Contains($"{StorageConnection.Name}__accountName", settings[app].Keys);
        }

        // The local engine's poison queue is the one the failures endpoint lists.
        Assert.Equal(BrandFlow.Engine.Local.LocalTaskHubNames.PoisonQueue("Hub1"), WorkflowFailuresEndpoint.PoisonQueue("Hub1"));
    }

    private static WebApplication BuildWebApp() => WebProgram.Build([], builder =>
    {
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.Name] = Azurite.ConnectionString,
            ["BrandFlow:Links:SigningKey"] = Convert.ToBase64String(new byte[32]),
            ["BrandFlow:Mail:ApiKey"] = "SG.key-from-key-vault",
            ["BrandFlow:DataProtection:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        });
    });

    private static SortedSet<string> Routes(IEnumerable<Endpoint> endpoints) => new(
        endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} /{Normalize(e.RoutePattern.RawText ?? string.Empty)}")),
        StringComparer.Ordinal);

    private static string Normalize(string route) => route.TrimStart('/');

    /// <summary>The app settings main.bicep defines, per app ("functions", "web"), with their Bicep value expressions.</summary>
    private static Dictionary<string, Dictionary<string, string>> BicepSettings()
    {
        var bicep = File.ReadAllText(Path.Combine(Root, "infra", "main.bicep"));
        string Block(string start)
        {
            var from = bicep.IndexOf(start, StringComparison.Ordinal);
            Assert.True(from >= 0, $"main.bicep has no '{start}'");
            var next = bicep.IndexOf("\nresource ", from + start.Length, StringComparison.Ordinal);
            return next < 0 ? bicep[from..] : bicep[from..next];
        }

        Dictionary<string, string> Settings(string text) => SettingPattern().Matches(text)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim(), StringComparer.Ordinal);

        var shared = Settings(Block("var sharedSettings = ["));
        var functions = Settings(Block("resource functions 'Microsoft.Web/sites"));
        var web = Settings(Block("resource webSettings 'Microsoft.Web/sites/config"));
        Assert.NotEmpty(shared);
        return new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal)
        {
            ["functions"] = shared.Concat(functions).ToDictionary(StringComparer.Ordinal),
            ["web"] = shared.Concat(web).ToDictionary(StringComparer.Ordinal),
        };
    }

    /// <summary>A value of the kind Azure gives the setting (Key Vault references resolve to the secret's value).</summary>
    private static string Sample(string name, string bicepValue) => name switch
    {
        "BrandFlow__Links__SigningKey" or "BrandFlow__DataProtection__KeyEncryptionKey" => Convert.ToBase64String(new byte[32]),
        "BrandFlow__Mail__ApiKey" => "SG.key-from-key-vault",
        "BrandFlow__Mail__From" => "noreply@brandflow.example",
        "BrandFlow__PublicBaseUrl" => "https://app-example.azurewebsites.net",
        "APPLICATIONINSIGHTS_CONNECTION_STRING" => "InstrumentationKey=00000000-0000-0000-0000-000000000000",
        _ when name.EndsWith("__accountName", StringComparison.Ordinal) => "stexample",
        _ when name.EndsWith("__clientId", StringComparison.Ordinal) => Guid.Empty.ToString(),
        _ => bicepValue.Trim('\'') switch
        {
            var literal when bicepValue.StartsWith('\'') => literal,
            _ when name.EndsWith("PartitionCount", StringComparison.Ordinal) => "4",
            _ => "brandflow",
        },
    };

    /// <summary>Runs the apps' start-up validation (Production, Azure requirements) over the given settings.</summary>
    private static List<string> Validate(Dictionary<string, string?> values)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(values);
        builder.AddBrandFlowSettings(HostRequirements.Azure);
        using var host = builder.Build();
        var failures = new List<string>();
        foreach (var check in new Action[]
        {
            () => _ = host.Services.GetRequiredService<IOptions<BrandFlowOptions>>().Value,
            () => _ = host.Services.GetRequiredService<IOptions<MailOptions>>().Value,
        })
        {
            try
            {
                check();
            }
            catch (OptionsValidationException ex)
            {
                failures.AddRange(ex.Failures);
            }
        }

        return failures;
    }

    /// <summary>Every configuration key BrandFlow reads: option properties (recursively), the storage connection, telemetry.</summary>
    private static HashSet<string> ReadableSettings()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(Type type, string prefix)
        {
            foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            {
                var key = $"{prefix}:{property.Name}";
                var kind = property.PropertyType;
                if (kind.IsClass && kind != typeof(string) && kind.Namespace?.StartsWith("BrandFlow", StringComparison.Ordinal) == true)
                {
                    Add(kind, key);
                }
                else
                {
                    keys.Add(key);
                }
            }
        }

        Add(typeof(BrandFlowOptions), BrandFlowOptions.Section);
        keys.RemoveWhere(k => k.StartsWith("BrandFlow:Mail:", StringComparison.OrdinalIgnoreCase));
        Add(typeof(MailOptions), BrandFlowOptions.Section + ":Mail");
        foreach (var key in StorageConnection.SectionKeys)
        {
            keys.Add($"{StorageConnection.Name}:{key}");
        }

        keys.Add(BrandFlow.Hosting.Telemetry.TelemetrySetup.AppInsightsSetting);
        keys.Add(BrandFlow.Hosting.Telemetry.TelemetrySetup.OtlpSetting);
        return keys;
    }

    [GeneratedRegex(@"^\s*\{ name: '([A-Za-z0-9_]+)', value: (.+) \}\s*$", RegexOptions.Multiline)]
    private static partial Regex SettingPattern();

    [GeneratedRegex(@"var partitionCount = (\d+)")]
    private static partial Regex PartitionCountPattern();
}
