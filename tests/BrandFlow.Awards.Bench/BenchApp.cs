using System.Net;
using System.Net.Sockets;
using BrandFlow.App.Hosting;
using BrandFlow.Cli;
using BrandFlow.Site;
using BrandFlow.Hosting;
using BrandFlow.Awards.Services;
using System.Globalization;
using System.Security.Cryptography;
using BrandFlow.Awards.Workflow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Bench;

/// <summary>
/// The real BrandFlow app, built with its own WebHost extension methods and served by Kestrel on a free loopback port,
/// against the benchmark's Azurite, with its in-process durable worker and the local SendGrid endpoint (the app mails
/// itself over HTTP, as in development). The app's workflow clock is replaced by <see cref="NoticeClock"/>. Two middlewares are
/// added in front: one files a request's storage traffic under the scope its X-Bench-Scope header names, one reads
/// each mail posted to the local SendGrid endpoint into the <see cref="MailTap"/>.
/// </summary>
internal sealed class BenchApp : IAsyncDisposable
{
    /// <summary>Header the driver sets on observation requests (status polls).</summary>
    public const string ScopeHeader = "X-Bench-Scope";

    /// <summary>API key of the local SendGrid endpoint in this run.</summary>
    public const string MailKey = "SG.bench-local-key";

    private readonly WebApplication app;

    private BenchApp(WebApplication app, Uri baseAddress, string composition)
    {
        this.app = app;
        this.BaseAddress = baseAddress;
        this.Composition = composition;
    }

    /// <summary>How the award services were composed (the app's own hosting, or the benchmark's fallback).</summary>
    public string Composition { get; }

    /// <summary>The driver's way into the app: the JSON API over HTTP, or (for comparison) the facade in-process.</summary>
    public IAwardsClient CreateClient(HttpClient blobHttp, MailTap mail, bool viaFacade)
    {
        var facade = this.app.Services.GetRequiredService<AwardsService>();
        return viaFacade ? new FacadeClient(facade, blobHttp) : new HttpApiClient(HttpApiClient.CreateHttp(this.BaseAddress), blobHttp, mail, facade);
    }

    /// <summary>Where the app listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The app's services (for the facade where the API has no route).</summary>
    public IServiceProvider Services => this.app.Services;

    /// <summary>Builds and starts the app.</summary>
    public static async Task<BenchApp> StartAsync(string storage, NoticeClock clock, MailTap mail)
    {
        await LoadPoliciesAsync(storage);
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(WebHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = SiteComposition.WebRoot,
            EnvironmentName = "Production",
        });
        builder.WebHost.UseUrls(baseAddress.ToString().TrimEnd('/'));
        var runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["BrandFlowStorage"] = storage,
            ["BrandFlow:Mail:LocalEndpoint"] = "true",
            ["BrandFlow:Mail:Host"] = baseAddress.ToString().TrimEnd('/'),
            ["BrandFlow:Mail:ApiKey"] = MailKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["BrandFlow:Links:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["BrandFlow:PublicBaseUrl"] = baseAddress.ToString().TrimEnd('/'),

            // Names of this run only: a previous run's process still shutting down must not work on this run's queues.
            ["BrandFlow:TaskHub"] = "bench" + runId,
            ["BrandFlow:StoragePrefix"] = "b" + runId,

        };
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        // BRANDFLOW_BENCH_DURABLE_LOG=Debug shows the durable engine's own decisions (sidecar, DurableTask.AzureStorage).
        var durableLevel = Environment.GetEnvironmentVariable("BRANDFLOW_BENCH_DURABLE_LOG") is { Length: > 0 } level
            ? Enum.Parse<LogLevel>(level, ignoreCase: true) : LogLevel.Warning;
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("BrandFlow.Engine.Local", durableLevel).AddFilter("DurableTask", durableLevel).AddFilter("Microsoft.DurableTask", durableLevel);
        builder.AddBrandFlowLocal();
        builder.Services.AddSingleton<IWorkflowClock>(clock);
        const string composition = "award workflow as the app hosts it (award stores on Tables/Blobs; Microsoft.DurableTask worker and client over BrandFlow.Engine.Local: the gRPC sidecar on DurableTask.AzureStorage, the app's worker defaults: one partition, idle queue polling up to 5 s, the engine's default concurrency)";
        var app = builder.Build();

        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.TryGetValue(ScopeHeader, out var scope) && Enum.TryParse<TrafficScope>(scope.ToString(), out var parsed))
            {
                StorageTraffic.Enter(parsed);
            }

            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/v3/mail/send")
            {
                StorageTraffic.EnterMail();
                context.Request.EnableBuffering();
                using var copy = new MemoryStream();
                await context.Request.Body.CopyToAsync(copy, context.RequestAborted);
                context.Request.Body.Position = 0;
                mail.Read(copy.GetBuffer().AsSpan(0, (int)copy.Length));
            }

            await next(context);
        });
        app.MapBrandFlowLocal();
        await app.StartAsync();
        return new BenchApp(app, baseAddress, composition);
    }

    public async ValueTask DisposeAsync()
    {
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }

    /// <summary>Loads the reviewed policy catalog into Table Storage, as `load-policies` does before the app first starts.</summary>
    private static async Task LoadPoliciesAsync(string storage)
    {
        StorageTraffic.Enter(TrafficScope.Setup);
        if (await CliProgram.RunAsync(["load-policies", "--set", $"BrandFlowStorage={storage}"], TextReader.Null, TextWriter.Null, Console.Error) != 0)
        {
            throw new InvalidOperationException("load-policies failed");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
