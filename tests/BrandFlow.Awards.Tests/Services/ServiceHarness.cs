using BrandFlow.Awards.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using BrandFlow.Engine.Local;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using BrandFlow.Policy;
using BrandFlow.Policy.Catalog;
using BrandFlow.Policy.Loading;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Awards.Tests.Services;

/// <summary>
/// The service over fake ports, the real catalog and the local Durable Task engine in memory. By default the engine only
/// records what the service scheduled and raised (no worker runs, so an instance stays pending); with
/// <c>runReviews</c> a department-review stand-in runs and completes with the first decision event it receives, so a
/// test can see exactly what the service raised.
/// </summary>
internal sealed class ServiceHarness : IDisposable
{
    public const string CycleId = "421223-2026-brand";
    public const string FirmA = "91421223AY4CL12T07";
    public const string Amr = "cy-amr";
    public const string Agri = "cy-agri";

    private static readonly Lazy<PolicyCatalog> SharedCatalog = new(() => CatalogLoader.LoadDirectory(Repository.Policies));

    private readonly IHost host;

    public ServiceHarness(bool runReviews = false)
    {
        this.Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddLocalDurableEngine(
            o =>
            {
                o.StorageConnectionString = null;
                o.ProcessWork = runReviews;
            },
            r => r.AddOrchestratorFunc<object?, ReviewDecisionEvent>(
                WorkflowNames.DepartmentReview, async (context, _) => await context.WaitForExternalEvent<ReviewDecisionEvent>(WorkflowEvents.ReviewDecided)));
        this.host = builder.Build();
        this.host.Start();
        this.Client = this.host.Services.GetRequiredService<DurableTaskClient>();
        this.Links = new SignedLinks(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), this.Clock);
        this.Service = new AwardsService(this.Ports.AsPorts(), this.Client, SharedCatalog.Value, this.Links, this.Clock);
        this.SeedPeople();
    }

    public static string FirmB { get; } = "91421223MA4B7C8D9" + CreditCode.CheckCharacter("91421223MA4B7C8D9");

    public FakeTimeProvider Clock { get; }

    public DurableTaskClient Client { get; }

    public SignedLinks Links { get; }

    public FakePorts Ports { get; } = new();

    public AwardsService Service { get; }

    public PolicyCatalog Catalog => SharedCatalog.Value;

    public UserAccount ApplicantA => this.User("applicant-a@test.local");

    public UserAccount ApplicantB => this.User("applicant-b@test.local");

    public UserAccount ReviewerAmr => this.User("r1@test.local");

    public UserAccount OtherReviewerAmr => this.User("r2@test.local");

    public UserAccount ReviewerAgri => this.User("r3@test.local");

    public UserAccount Clerk => this.User("clerk@test.local");

    public UserAccount Finance => this.User("finance@test.local");

    public UserAccount Admin => this.User("admin@test.local");

    public UserAccount User(string email) => this.Ports.Users[email];

    /// <summary>An application of a firm, in review by the 市场监管 department.</summary>
    public ApplicationRecord AddApplication(string id, string creditCode, ApplicationStatus status = ApplicationStatus.InReview, string department = Amr)
    {
        var firm = this.Ports.Firms[creditCode];
        var file = new EvidenceFile($"{id}-f1", "certificate", "cert.pdf", "application/pdf", 1000, new string('b', 64));
        var line = new AwardLine($"{id}:c1:cy-tm-well-known", "c1", "cy-tm-well-known", 1, department, "fin-421223", 100_000m, null, "pending", "national", "茶", [], new DateOnly(2024, 5, 1));
        var record = new ApplicationRecord(
            id, CycleId, firm, "applicant@test.local", this.Clock.GetUtcNow(), status,
            [], [file], [line], [], [], null, [], new Dictionary<string, string> { [department] = "r1@test.local" }, 1, this.Clock.GetUtcNow());
        this.Ports.Applications[id] = record;
        return record;
    }

    /// <summary>A decision link as the review orchestration mails it.</summary>
    public string DecisionLink(string applicationId, string department, int round, string action, string recipient, TimeSpan? lifetime = null) =>
        this.Links.Create(new LinkClaims(Guid.NewGuid().ToString("N"), AwardsServiceOptions.ReviewDecisionPurpose, $"{applicationId}/{department}/{round}", recipient, action, this.Clock.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(7))));

    /// <summary>Starts the review stand-in for an application's department.</summary>
    public Task StartReviewAsync(string applicationId, string department) =>
        this.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.DepartmentReview, null, new StartOrchestrationOptions(WorkflowIds.Review(applicationId, department)));

    /// <summary>Waits until an instance completes (the review stand-in, once a decision reached it).</summary>
    public async Task<OrchestrationMetadata> CompletedAsync(string instanceId)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await this.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancel.Token);
    }

    public void Dispose()
    {
        this.host.StopAsync().GetAwaiter().GetResult();
        this.host.Dispose();
    }

    public void AddCycle(CycleStatus status, DateOnly? opens = null, DateOnly? closes = null, string? batch = null)
    {
        var definition = new CycleDefinition(
            CycleId, "421223", 2026, "崇阳 2026", "Chongyang 2026", ["cy-brand-quality"], null,
            opens ?? new DateOnly(2026, 11, 1), closes ?? new DateOnly(2026, 12, 31), new DateOnly(2024, 12, 31), new StepDurations(),
            new Dictionary<string, decimal> { ["fin-421223"] = 1_000_000m });
        this.Ports.Cycles[CycleId] = new CycleRecord(definition, status, this.Clock.GetUtcNow(), PaymentBatchId: batch);
    }

    private void SeedPeople()
    {
        this.Ports.Firms[FirmA] = new Firm(FirmA, "青山茶业", "enterprise", "421223", "a@test.local", "农行", "111", "county");
        this.Ports.Firms[FirmB] = new Firm(FirmB, "白岩竹业", "enterprise", "421223", "b@test.local", "工行", "222", "county");
        foreach (var user in new UserAccount[]
        {
            new("applicant-a@test.local", "A", [Role.Applicant], CreditCode: FirmA),
            new("applicant-b@test.local", "B", [Role.Applicant], CreditCode: FirmB),
            new("r1@test.local", "R1", [Role.Reviewer], Amr),
            new("r2@test.local", "R2", [Role.Reviewer], Amr),
            new("r3@test.local", "R3", [Role.Reviewer], Agri),
            new("clerk@test.local", "Clerk", [Role.Clerk]),
            new("finance@test.local", "Finance", [Role.Finance]),
            new("admin@test.local", "Admin", [Role.Administrator]),
        })
        {
            this.Ports.Users[user.Email] = user;
        }
    }
}
