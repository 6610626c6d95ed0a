using BrandFlow.Awards.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using BrandFlow.Durable;
using BrandFlow.Durable.Client;
using BrandFlow.Durable.InMemory;
using BrandFlow.Durable.Worker;
using BrandFlow.Policy;
using BrandFlow.Policy.Catalog;
using BrandFlow.Policy.Loading;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Awards.Tests.Services;

/// <summary>
/// The service over fake ports, the real catalog and an in-memory durable backend whose department-review stand-in
/// completes with the first decision event it receives, so a test can see exactly what the service raised.
/// </summary>
internal sealed class ServiceHarness
{
    public const string CycleId = "421223-2026-brand";
    public const string FirmA = "91421223AY4CL12T07";
    public const string Amr = "cy-amr";
    public const string Agri = "cy-agri";

    private static readonly Lazy<PolicyCatalog> SharedCatalog = new(() => CatalogLoader.LoadDirectory(Path.Combine(RepositoryRoot(), "policies")));

    public ServiceHarness()
    {
        this.Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        this.Backend = new InMemoryOrchestrationService(this.Clock) { LockTimeout = TimeSpan.FromMinutes(1) };
        this.Client = new DurableTaskClient(this.Backend, new DurableTaskClientOptions { TimeProvider = this.Clock, PollingInterval = TimeSpan.FromMilliseconds(5) });
        this.Registry.AddOrchestratorFunc<object?, ReviewDecisionEvent>(
            WorkflowNames.DepartmentReview, async (context, _) => await context.WaitForExternalEvent<ReviewDecisionEvent>(WorkflowEvents.ReviewDecided));
        this.Links = new SignedLinks(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), this.Clock);
        this.Service = new AwardsService(this.Ports.AsPorts(), this.Client, SharedCatalog.Value, this.Links, this.Clock);
        this.SeedPeople();
    }

    public static string FirmB { get; } = "91421223MA4B7C8D9" + CreditCode.CheckCharacter("91421223MA4B7C8D9");

    public FakeTimeProvider Clock { get; }

    public InMemoryOrchestrationService Backend { get; }

    public DurableTaskClient Client { get; }

    public DurableTaskRegistry Registry { get; } = new();

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

    /// <summary>Processes every ready work item of the in-memory backend.</summary>
    public async Task DrainAsync()
    {
        var options = new DurableTaskWorkerOptions { TimeProvider = this.Clock };
        var orchestrations = new OrchestrationDispatcher(this.Backend, this.Registry, options);
        var activities = new ActivityDispatcher(this.Backend, this.Registry, options);
        var progress = true;
        while (progress)
        {
            progress = false;
            while (await this.Backend.LockNextOrchestrationWorkItemAsync(CancellationToken.None) is { } item)
            {
                await orchestrations.ProcessOrchestrationWorkItemAsync(item);
                progress = true;
            }

            while (await this.Backend.LockNextActivityWorkItemAsync(CancellationToken.None) is { } activity)
            {
                await activities.ProcessActivityWorkItemAsync(activity);
                progress = true;
            }
        }
    }

    public void AddCycle(CycleStatus status, DateOnly? opens = null, DateOnly? closes = null, string? batch = null)
    {
        var definition = new CycleDefinition(
            CycleId, "421223", 2026, "崇阳 2026", "Chongyang 2026", ["cy-brand-quality"], null,
            opens ?? new DateOnly(2026, 11, 1), closes ?? new DateOnly(2026, 12, 31), new DateOnly(2024, 12, 31), new StepDurations(),
            new Dictionary<string, decimal> { ["fin-421223"] = 1_000_000m });
        this.Ports.Cycles[CycleId] = new CycleRecord(definition, status, this.Clock.GetUtcNow(), PaymentBatchId: batch);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BrandFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
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
