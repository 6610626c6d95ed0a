using System.Text;
using System.Text.Json;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.InMemory;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using BrandFlow.Functions.Api;
using BrandFlow.Hosting.Access;
using BrandFlow.Hosting.Awards;
using BrandFlow.Policy.Catalog;
using BrandFlow.Policy.Loading;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace BrandFlow.Functions.Tests;

/// <summary>
/// HTTP functions called as the Functions worker calls them (an <see cref="HttpRequest"/> and the durable client of the
/// binding, here a substitute): the session cookie is honoured, the award service works over the binding's client,
/// refusals and failures answer localized ProblemDetails.
/// </summary>
public sealed class ApiFunctionsTests : IDisposable
{
    private const string Admin = "admin@test.local";
    private static readonly Lazy<PolicyCatalog> Catalog = new(() => CatalogLoader.LoadDirectory(Path.Combine(Repository.Root, "policies")));

    private readonly ServiceProvider services;
    private readonly DurableTaskClient client = Substitute.For<DurableTaskClient>("binding");
    private readonly ApiFunctions functions;

    public ApiFunctionsTests()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        var directory = new InMemoryDirectory();
        directory.UpsertUserAsync(new UserAccount(Admin, "管理员", [Role.Administrator], Jurisdiction: "421223")).GetAwaiter().GetResult();
        var ports = new AwardsPorts(
            new InMemoryApplicationStore(), new InMemoryAuditLog(), new InMemoryAwardLedger(), directory, new InMemoryDocumentStore(),
            new InMemoryEvidenceStore(clock), new InMemoryOneTimeTokenStore(), new InMemoryMailSender(), Substitute.For<IMailFailureLog>());
        var options = new AwardsServiceOptions();
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(ports)
            .AddSingleton(Catalog.Value)
            .AddSingleton(new SignedLinks([.. Enumerable.Range(1, 32).Select(i => (byte)i)], clock))
            .AddSingleton(options)
            .AddSingleton(new StoredWorkingDayCalendar(ports.Documents, options))
            .AddSingleton(new ApplicationEstimator(Catalog.Value))
            .AddSingleton<AwardsServiceFactory>()
            .AddSingleton<FunctionsApi>();
        collection.AddDataProtection().UseEphemeralDataProtectionProvider();
        collection.AddAuthentication(Session.Scheme).AddCookie(Session.Scheme, o => o.Cookie.Name = "brandflow.session");
        this.services = collection.BuildServiceProvider();
        this.functions = new ApiFunctions(this.services.GetRequiredService<FunctionsApi>());
    }

    [Fact]
    public async Task OpenCycle_SignedInAdministrator_SchedulesTheCycleOnTheBindingsClient()
    {
        var request = await this.RequestAsync("POST", "/api/cycles", Admin, new AwardsEndpoints.OpenCycleRequest(
            "421223-2026-brand", "421223", 2026, "崇阳县 2026 年品牌奖励", "Chongyang 2026 brand awards", ["cy-brand-quality"], null,
            new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 31), new DateOnly(2025, 12, 31), null,
            new Dictionary<string, decimal> { ["fin-421223"] = 1_000_000m }));

        await this.functions.CycleOpenAsync(request, this.client);

        Assert.Equal(StatusCodes.Status202Accepted, request.HttpContext.Response.StatusCode);
        await this.client.Received(1).ScheduleNewOrchestrationInstanceAsync(
            new TaskName(WorkflowNames.Cycle),
            Arg.Is<object?>(o => ((CycleDefinition)o!).CycleId == "421223-2026-brand"),
            Arg.Is<StartOrchestrationOptions?>(s => s!.InstanceId == "421223-2026-brand"),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task CloseWindow_RouteValueFromTheBinding_RaisesTheEventOnThatCycle()
    {
        var ports = this.services.GetRequiredService<AwardsPorts>();
        await ports.Applications.SaveCycleAsync(new CycleRecord(
            new CycleDefinition("421223-2026-brand", "421223", 2026, "崇阳", "Chongyang", ["cy-brand-quality"], null,
                new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), new DateOnly(2025, 12, 31), new StepDurations(), new Dictionary<string, decimal> { ["fin-421223"] = 1m }),
            CycleStatus.Open, DateTimeOffset.UtcNow));
        var request = await this.RequestAsync("POST", "/api/cycles/421223-2026-brand/close-window", Admin, body: null);

        await this.functions.CycleCloseWindowAsync(request, this.client, "421223-2026-brand");

        Assert.Equal(StatusCodes.Status202Accepted, request.HttpContext.Response.StatusCode);
        await this.client.Received(1).RaiseEventAsync("421223-2026-brand", WorkflowEvents.CloseWindow, Arg.Any<object?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Submit_WithoutSession_Answers401ProblemInChineseAndStartsNothing()
    {
        var request = await this.RequestAsync("POST", "/api/applications", signedIn: null, body: new { cycleId = "421223-2026-brand", claims = Array.Empty<object>() });

        await this.functions.ApplicationSubmitAsync(request, this.client);

        Assert.Equal(StatusCodes.Status401Unauthorized, request.HttpContext.Response.StatusCode);
        Assert.Equal("application/problem+json", request.HttpContext.Response.ContentType);
        using var problem = JsonDocument.Parse(Body(request));
        Assert.Equal("需要登录", problem.RootElement.GetProperty("title").GetString());
        Assert.DoesNotContain(this.client.ReceivedCalls(), c => c.GetMethodInfo().Name == nameof(DurableTaskClient.ScheduleNewOrchestrationInstanceAsync));
    }

    [Fact]
    public async Task OpenCycle_WhenTheClientFails_Answers500WithoutDetails()
    {
        this.client.ScheduleNewOrchestrationInstanceAsync(Arg.Any<TaskName>(), Arg.Any<object?>(), Arg.Any<StartOrchestrationOptions?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new InvalidOperationException("task hub unreachable at 10.0.0.4"));
        var request = await this.RequestAsync("POST", "/api/cycles", Admin, new AwardsEndpoints.OpenCycleRequest(
            "421223-2026-brand", "421223", 2026, "崇阳", "Chongyang", ["cy-brand-quality"], null,
            new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 31), new DateOnly(2025, 12, 31), null, new Dictionary<string, decimal> { ["fin-421223"] = 1m }));
        request.Headers.AcceptLanguage = "en";

        await this.functions.CycleOpenAsync(request, this.client);

        Assert.Equal(StatusCodes.Status500InternalServerError, request.HttpContext.Response.StatusCode);
        var body = Body(request);
        Assert.Contains("Something went wrong", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.4", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyDocuments_NeedNoSessionAndListTheCatalog()
    {
        var request = await this.RequestAsync("GET", "/api/policy/documents", signedIn: null, body: null);

        await this.functions.PolicyDocumentsAsync(request, this.client);

        Assert.Equal(StatusCodes.Status200OK, request.HttpContext.Response.StatusCode);
        using var documents = JsonDocument.Parse(Body(request));
        Assert.Equal(Catalog.Value.Documents.Count, documents.RootElement.GetArrayLength());
    }

    public void Dispose() => this.services.Dispose();

    private static string Body(HttpRequest request)
    {
        var stream = (MemoryStream)request.HttpContext.Response.Body;
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A request as the worker hands it over, with the session cookie of <paramref name="signedIn"/> when given.</summary>
    private async Task<HttpRequest> RequestAsync(string method, string path, string? signedIn, object? body)
    {
        // Each request has its own scope, as in the worker (the authentication handlers are cached per scope).
        var http = new DefaultHttpContext { RequestServices = this.services.CreateScope().ServiceProvider };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        if (signedIn is not null)
        {
            var account = (await this.services.GetRequiredService<AwardsPorts>().Directory.GetUserAsync(signedIn))!;
            var signIn = new DefaultHttpContext { RequestServices = this.services.CreateScope().ServiceProvider };
            await Session.SignInAsync(signIn, account);
            http.Request.Headers.Cookie = signIn.Response.Headers.SetCookie.ToString().Split(';')[0];
        }

        if (body is not null)
        {
            http.Request.ContentType = "application/json";
            http.Request.Body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options));
        }

        return http.Request;
    }
}
