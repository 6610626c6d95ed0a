using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Hosting;

namespace BrandFlow.Cli;

/// <summary>
/// The local demo: a 崇阳县 firm with its applicant, a clerk, a reviewer and a head for every department the 崇阳
/// document names, finance and an administrator, and a cycle for 崇阳县 open today. Running it again changes nothing.
/// </summary>
public static class DemoSeed
{
    /// <summary>Domain of the demo accounts.</summary>
    public const string Domain = "demo.brandflow.local";

    /// <summary>The demo firm's credit code (valid GB 32100 check character).</summary>
    public const string FirmCreditCode = "91421223AY4CL12T07";

    /// <summary>The document the demo cycle runs.</summary>
    public const string Document = "cy-brand-quality";

    /// <summary>Seeds and prints the accounts to sign in with.</summary>
    public static async Task RunAsync(AwardsService service, UserAccount administrator, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(stdout);
        var catalog = service.Catalog;
        var document = catalog.Documents.Single(d => d.Id == Document);
        await service.UpsertFirmAsync(administrator, new Firm(
            FirmCreditCode, "崇阳县青山茶业有限公司", "enterprise", document.JurisdictionCode, $"applicant@{Domain}",
            "中国农业银行崇阳县支行", "17-123401040012345", "county")).ConfigureAwait(false);

        var accounts = new List<UserAccount>
        {
            new($"applicant@{Domain}", "青山茶业 申报经办人", [Role.Applicant], CreditCode: FirmCreditCode),
            new($"clerk@{Domain}", "受理员 王敏", [Role.Clerk], Jurisdiction: document.JurisdictionCode),
            new($"finance@{Domain}", "财政 李华", [Role.Finance], Jurisdiction: document.JurisdictionCode),
            new($"admin@{Domain}", "管理员 张强", [Role.Administrator], Jurisdiction: document.JurisdictionCode),
        };
        foreach (var department in document.Departments)
        {
            accounts.Add(new($"reviewer-{department.Id}@{Domain}", $"审核员（{department.Name.Zh}）", [Role.Reviewer], department.Id, Jurisdiction: document.JurisdictionCode));
            accounts.Add(new($"head-{department.Id}@{Domain}", $"负责人（{department.Name.Zh}）", [Role.DepartmentHead], department.Id, Jurisdiction: document.JurisdictionCode));
        }

        foreach (var account in accounts)
        {
            await service.UpsertAccountAsync(administrator, account).ConfigureAwait(false);
        }

        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        var cycleId = $"{document.JurisdictionCode}-{today.Year}-brand-demo";
        var budgets = document.Clauses.Select(c => c.TreasuryId).Distinct().ToDictionary(t => t, _ => 5_000_000m);
        try
        {
            await service.OpenCycleAsync(administrator, new CycleDefinition(
                cycleId, document.JurisdictionCode, today.Year,
                $"{today.Year} 年度崇阳县品牌建设奖励申报（演示）", $"Chongyang brand awards {today.Year} (demo)",
                [Document], null, today, today.AddDays(30), document.Effective.To ?? today,
                new StepDurations(), budgets)).ConfigureAwait(false);
            await stdout.WriteLineAsync($"[brandflow] demo cycle opened: {cycleId}").ConfigureAwait(false);
        }
        catch (AwardsException ex) when (ex.Code == "cycle-exists")
        {
            await stdout.WriteLineAsync($"[brandflow] demo cycle already there: {cycleId}").ConfigureAwait(false);
        }

        await stdout.WriteLineAsync("[brandflow] demo accounts (sign in by emailed link; read it in the dev mailbox):").ConfigureAwait(false);
        foreach (var account in accounts)
        {
            var roles = string.Join(",", account.Roles) + (account.DepartmentId is { } d ? $" {d}" : string.Empty);
            await stdout.WriteLineAsync($"  {account.Email,-48} {roles}").ConfigureAwait(false);
        }
    }
}
