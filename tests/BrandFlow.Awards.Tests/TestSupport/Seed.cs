using System.Text;
using BrandFlow.Awards.Model;
using BrandFlow.Policy;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Awards.Tests.TestSupport;

/// <summary>People, firms, a 崇阳县 cycle and claims used by the workflow tests.</summary>
internal static class Seed
{
    public const string Jurisdiction = "421223";
    public const string Treasury = "fin-421223";
    public const string ClerkEmail = "clerk@cy.gov.test";
    public const string AmrReviewer = "reviewer.amr@cy.gov.test";
    public const string AmrReviewer2 = "reviewer2.amr@cy.gov.test";
    public const string AgriReviewer = "reviewer.agri@cy.gov.test";
    public const string AmrHead = "head.amr@cy.gov.test";
    public const string FinanceEmail = "finance@cy.gov.test";
    public const string AdminEmail = "admin@cy.gov.test";

    public static readonly Firm FirmA = NewFirm("91421223MA49A0001", "崇阳县甲茶业有限公司", "a@firm-a.test");
    public static readonly Firm FirmB = NewFirm("91421223MA49B0002", "崇阳县乙纺织有限公司", "b@firm-b.test");
    public static readonly Firm FirmC = NewFirm("91421223MA49C0003", "崇阳县丙食品有限公司", "c@firm-c.test");

    /// <summary>A valid credit code from its first 17 characters.</summary>
    public static string Code(string first17) => first17 + CreditCode.CheckCharacter(first17);

    public static Firm NewFirm(string first17, string name, string email, string jurisdiction = Jurisdiction) =>
        new(Code(first17), name, "enterprise", jurisdiction, email, "湖北崇阳农村商业银行", "6230" + first17[^8..], "county");

    public static async Task PeopleAsync(AwardTestHost host, bool secondAmrReviewer = false)
    {
        foreach (var firm in new[] { FirmA, FirmB, FirmC })
        {
            await host.Directory.UpsertFirmAsync(firm);
            await host.Directory.UpsertUserAsync(new UserAccount(firm.ContactEmail, firm.Name, [Role.Applicant], CreditCode: firm.CreditCode));
        }

        await host.Directory.UpsertUserAsync(new UserAccount(ClerkEmail, "受理员", [Role.Clerk], Jurisdiction: Jurisdiction));
        await host.Directory.UpsertUserAsync(new UserAccount(AmrReviewer, "市场监管审核员", [Role.Reviewer], "cy-amr", Jurisdiction: Jurisdiction));
        if (secondAmrReviewer)
        {
            await host.Directory.UpsertUserAsync(new UserAccount(AmrReviewer2, "市场监管审核员二", [Role.Reviewer], "cy-amr", Jurisdiction: Jurisdiction));
        }

        await host.Directory.UpsertUserAsync(new UserAccount(AgriReviewer, "农业审核员", [Role.Reviewer], "cy-agri", Jurisdiction: Jurisdiction));
        await host.Directory.UpsertUserAsync(new UserAccount(AmrHead, "市场监管局负责人", [Role.DepartmentHead], "cy-amr", Jurisdiction: Jurisdiction));
        await host.Directory.UpsertUserAsync(new UserAccount(FinanceEmail, "财政", [Role.Finance], Jurisdiction: Jurisdiction));
        await host.Directory.UpsertUserAsync(new UserAccount(AdminEmail, "管理员", [Role.Administrator], Jurisdiction: Jurisdiction, Language: "en"));
    }

    /// <summary>A 崇阳县 cycle under cy-brand-quality (achievements of 2024, judged as of 2024-12-31).</summary>
    public static CycleDefinition Cycle(DateOnly opens, DateOnly closes, decimal budget = 1_000_000m, string id = "421223-2025-brand") =>
        new(id, Jurisdiction, 2025, "崇阳县2025年品牌建设奖励", "Chongyang 2025 brand awards", ["cy-brand-quality"], null, opens, closes,
            new DateOnly(2024, 12, 31), new StepDurations(), new Dictionary<string, decimal> { [Treasury] = budget });

    /// <summary>Uploads a PDF through the evidence store and returns the validated file.</summary>
    public static async Task<EvidenceFile> UploadAsync(AwardTestHost host, Firm firm, string evidenceType, string content)
    {
        var slot = await host.Evidence.CreateUploadSlotAsync(firm.CreditCode, evidenceType, $"{evidenceType}.pdf");
        host.Evidence.Upload(slot.FileId, Encoding.UTF8.GetBytes("%PDF-1.7\n" + content + "\n%%EOF"));
        var check = await host.Evidence.InspectAsync(firm.CreditCode, slot.FileId);
        return check.File ?? throw new InvalidOperationException($"evidence refused: {check.MessageEn}");
    }

    /// <summary>A claim with its evidence uploaded (one file per evidence type; content unique unless given).</summary>
    public static async Task<(ClaimInput Claim, IReadOnlyList<EvidenceFile> Files)> ClaimAsync(
        AwardTestHost host, Firm firm, string claimId, string kind, string level, DateOnly date, string identifier, string[] evidenceTypes, string? content = null)
    {
        var files = new List<EvidenceFile>();
        foreach (var type in evidenceTypes)
        {
            files.Add(await UploadAsync(host, firm, type, content ?? $"{firm.CreditCode}/{claimId}/{type}/{identifier}"));
        }

        var achievement = new AchievementInput { Id = claimId, Kind = kind, Level = level, Date = date, Identifiers = [identifier], Subject = identifier };
        return (new ClaimInput(claimId, achievement, files.Select(f => f.FileId).ToList()), files);
    }

    /// <summary>China well-known trademark (cy-tm-well-known, 200,000, cy-amr).</summary>
    public static Task<(ClaimInput Claim, IReadOnlyList<EvidenceFile> Files)> WellKnownAsync(AwardTestHost host, Firm firm, string identifier = "TM-1001", string claimId = "wk") =>
        ClaimAsync(host, firm, claimId, "trademark.well-known", "national", new DateOnly(2024, 5, 1), identifier, ["certificate", "registration-certificate"]);

    /// <summary>National GI agricultural product (cy-gi-agricultural-product, 100,000, cy-agri).</summary>
    public static Task<(ClaimInput Claim, IReadOnlyList<EvidenceFile> Files)> GiProductAsync(AwardTestHost host, Firm firm, string identifier = "AGI-2024-0001", string claimId = "gi") =>
        ClaimAsync(host, firm, claimId, "gi.agricultural-product", "national", new DateOnly(2024, 6, 1), identifier, ["certificate"]);

    public static ApplicationSubmission Submission(AwardTestHost host, string applicationId, Firm firm, string cycleId, params (ClaimInput Claim, IReadOnlyList<EvidenceFile> Files)[] claims) =>
        new(applicationId, cycleId, firm, firm.ContactEmail, claims.Select(c => c.Claim).ToList(), claims.SelectMany(c => c.Files).ToList(), AwardTestHost.Now);
}
