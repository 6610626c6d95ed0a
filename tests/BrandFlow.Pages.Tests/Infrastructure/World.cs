using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Policy;
using BrandFlow.Policy.Calculation;
using Microsoft.Extensions.DependencyInjection;

namespace BrandFlow.Pages.Tests.Infrastructure;

/// <summary>
/// What a test needs before a browser opens: firms, accounts and an open cycle, set up through the facade as an
/// administrator would (the facade checks the role of the account it is given). Names are unique per test.
/// </summary>
public sealed class World
{
    /// <summary>The jurisdiction the test firms and cycle belong to (崇阳县).</summary>
    public const string Jurisdiction = "421223";

    /// <summary>The achievement kind claimed in the tests.</summary>
    public const string Kind = "patent.invention-granted";

    private static readonly UserAccount Administrator = new("seed-admin@brandflow.test", "Seed admin", [Role.Administrator]);
    private readonly AwardsService awards;
    private AwardsPorts? ports;

    private World(AwardsService awards, string suffix)
    {
        this.awards = awards;
        Suffix = suffix;
    }

    /// <summary>Unique suffix of this world's names.</summary>
    public string Suffix { get; }

    /// <summary>The cycle opened for the test.</summary>
    public string CycleId => $"pg-{Suffix}";

    /// <summary>Department reviewing the claimed clause.</summary>
    public string DepartmentId { get; private set; } = string.Empty;

    /// <summary>The facade.</summary>
    public AwardsService Awards => awards;

    /// <summary>
    /// Creates the world: registered firms, people of every role, and a cycle open today. With <paramref name="runCycle"/>
    /// the cycle is opened through the facade and its orchestration (which then runs the applications); without, only
    /// the cycle's read model is written, which is all a page showing an open cycle reads.
    /// </summary>
    public static async Task<World> CreateAsync(BrowserApp app, bool runCycle = false)
    {
        ArgumentNullException.ThrowIfNull(app);
        var world = new World(app.Services.GetRequiredService<AwardsService>(), Guid.NewGuid().ToString("N")[..8]);
        world.ports = app.Services.GetRequiredService<AwardsPorts>();
        await world.SeedAsync(runCycle);
        return world;
    }

    /// <summary>
    /// Writes an application's read model for the applicant's firm directly (as the application orchestration's
    /// activities do), for pages that only read it.
    /// </summary>
    public async Task<ApplicationRecord> SeedApplicationAsync()
    {
        var firm = (await ports!.Directory.GetFirmAsync(FirmCode))!;
        var claim = new ClaimInput("c1", new AchievementInput { Kind = Kind, Date = new DateOnly(2021, 3, 1), Identifiers = ["ZL" + Suffix] }, ["f1"]);
        var file = new EvidenceFile("f1", "patent-certificate", "专利证书.pdf", "application/pdf", 1024, new string('a', 64));
        var now = DateTimeOffset.UtcNow;
        var record = new ApplicationRecord(
            $"{CycleId}-{Suffix}", CycleId, firm, Email("applicant"), now, ApplicationStatus.AwaitingClerk, [claim], [file], [], [], [], null, [],
            new Dictionary<string, string>(), 1, now);
        await ports.Applications.SaveAsync(record);
        return record;
    }

    /// <summary>Email of a person of the world ("applicant", "other", "clerk", "reviewer", "finance", "admin").</summary>
    public string Email(string who) => $"{who}-{Suffix}@brandflow.test";

    /// <summary>Credit code of the applicant's firm.</summary>
    public string FirmCode { get; private set; } = string.Empty;

    /// <summary>Credit code of the other firm.</summary>
    public string OtherFirmCode { get; private set; } = string.Empty;

    /// <summary>The account of a person.</summary>
    public async Task<UserAccount> AccountAsync(string who) => (await awards.FindAccountAsync(Email(who)))!;

    /// <summary>A valid credit code registered in <see cref="Jurisdiction"/>, random otherwise.</summary>
    public static string NewCreditCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = "91" + Jurisdiction + string.Concat(Enumerable.Range(0, 9).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]));
        return body + CreditCode.CheckCharacter(body);
    }

    /// <summary>
    /// The reviewer the workflow assigned to the application's department. Reviewers are spread by a hash of the
    /// application id over every reviewer of the department, and the worlds of earlier tests in the same app add
    /// reviewers of the same department, so it need not be this world's.
    /// </summary>
    public async Task<string> AssignedReviewerAsync(string applicationId) =>
        (await WaitForApplicationAsync(applicationId, a => a.ReviewersByDepartment.ContainsKey(DepartmentId))).ReviewersByDepartment[DepartmentId];

    /// <summary>Waits until the application's read model satisfies a condition (the workflow runs asynchronously).</summary>
    public async Task<ApplicationRecord> WaitForApplicationAsync(string applicationId, Func<ApplicationRecord, bool> condition, TimeSpan? timeout = null)
    {
        var admin = await AccountAsync("admin");
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                var record = await awards.GetApplicationAsync(admin, applicationId);
                if (condition(record))
                {
                    return record;
                }

                if (DateTime.UtcNow > until)
                {
                    throw new TimeoutException($"application {applicationId} stayed {record.Status}");
                }
            }
            catch (AwardsException ex) when (ex.StatusCode == 404 && DateTime.UtcNow <= until)
            {
            }

            await Task.Delay(200);
        }
    }

    private async Task SeedAsync(bool runCycle)
    {
        var catalog = awards.Catalog;
        // Documents whose clauses are all paid by named treasuries (so the budgets below need no "local" resolution).
        var documents = PolicyCalculator.ApplicableDocuments(catalog, Jurisdiction, null)
            .Where(d => d.Clauses.All(c => catalog.Treasuries.ContainsKey(c.TreasuryId)) && d.Clauses.Any(c => c.AchievementKind == Kind))
            .Select(d => d.Id).ToList();
        DepartmentId = catalog.Documents.Where(d => documents.Contains(d.Id)).SelectMany(d => d.Clauses).First(c => c.AchievementKind == Kind).DepartmentId;
        FirmCode = NewCreditCode();
        OtherFirmCode = NewCreditCode();
        await awards.UpsertFirmAsync(Administrator, new Firm(FirmCode, $"崇阳测试企业{Suffix}", "enterprise", Jurisdiction, Email("applicant"), "中国银行崇阳支行", "6216000011112222", "county"));
        await awards.UpsertFirmAsync(Administrator, new Firm(OtherFirmCode, $"另一家企业{Suffix}", "enterprise", Jurisdiction, Email("other"), "农业银行崇阳支行", "6228000033334444", "county"));
        await awards.UpsertAccountAsync(Administrator, new UserAccount(Email("applicant"), "申报经办人", [Role.Applicant], CreditCode: FirmCode));
        await awards.UpsertAccountAsync(Administrator, new UserAccount(Email("other"), "另一经办人", [Role.Applicant], CreditCode: OtherFirmCode));
        await awards.UpsertAccountAsync(Administrator, new UserAccount(Email("clerk"), "受理员", [Role.Clerk], Jurisdiction: Jurisdiction));
        await awards.UpsertAccountAsync(Administrator, new UserAccount(Email("reviewer"), "审核员", [Role.Reviewer], DepartmentId, Jurisdiction: Jurisdiction));
        await awards.UpsertAccountAsync(Administrator, new UserAccount(Email("admin"), "管理员", [Role.Administrator], Jurisdiction: Jurisdiction));

        var budgets = catalog.Documents.Where(d => documents.Contains(d.Id)).SelectMany(d => d.Clauses).Select(c => c.TreasuryId)
            .Distinct().ToDictionary(t => t, _ => 1_000_000m);
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        var definition = new CycleDefinition(
            CycleId, Jurisdiction, today.Year, $"崇阳县测试年度 {Suffix}", $"Chongyang test cycle {Suffix}", documents, null,
            today, today.AddDays(30), new DateOnly(2024, 12, 31), new StepDurations(), budgets);
        if (!runCycle)
        {
            await ports!.Applications.SaveCycleAsync(new CycleRecord(definition, CycleStatus.Open, DateTimeOffset.UtcNow));
            return;
        }

        await awards.OpenCycleAsync(Administrator, definition);
        var admin = await AccountAsync("admin");
        var until = DateTime.UtcNow.AddSeconds(30);
        while ((await awards.ListCyclesAsync(admin)).FirstOrDefault(c => c.Definition.CycleId == CycleId)?.Status != CycleStatus.Open)
        {
            if (DateTime.UtcNow > until)
            {
                var cycle = (await awards.ListCyclesAsync(admin)).FirstOrDefault(c => c.Definition.CycleId == CycleId);
                throw new TimeoutException($"cycle {CycleId} did not open (read model: {cycle?.Status.ToString() ?? "none"})");
            }

            await Task.Delay(200);
        }
    }
}
