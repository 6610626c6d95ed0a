using BrandFlow.Awards.Model;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Awards.AzureStorage.Tests;

/// <summary>Records to store.</summary>
internal static class TestData
{
    public static Firm Firm(string creditCode = "91421200MA4ABCDE1X", string jurisdiction = "421223") =>
        new(creditCode, "咸宁品牌有限公司", "enterprise", jurisdiction, "office@firm.example", "中国银行咸宁分行", "6217000000000001");

    public static ApplicationRecord Application(
        string applicationId,
        long revision,
        ApplicationStatus status = ApplicationStatus.Submitted,
        string cycleId = "421223-2026-brand",
        string creditCode = "91421200MA4ABCDE1X",
        string? estimate = null) =>
        new(
            applicationId,
            cycleId,
            Firm(creditCode),
            "applicant@firm.example",
            new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero),
            status,
            [new ClaimInput("c1", new AchievementInput { Id = "c1", Kind = "famous-trademark", Date = new DateOnly(2025, 6, 1), Identifiers = ["TM-1"] }, ["f1"])],
            [new EvidenceFile("f1", "certificate", "证书.pdf", "application/pdf", 1234, new string('a', 64))],
            [new AwardLine("a1:c1:brand-1", "c1", "brand-1", 2, "market", "county", 100000m, null, "pending", "national", "Brand", ["TM-1"], new DateOnly(2025, 6, 1))],
            [new ClauseVersionUsed("brand-1", 2, "hash")],
            [],
            new DateOnly(2026, 3, 20),
            [],
            new Dictionary<string, string> { ["market"] = "reviewer@gov.example" },
            revision,
            new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero).AddMinutes(revision),
            estimate);

    public static PayoutInstruction Instruction(string key, string batchId = "batch-1", string? reference = null, decimal amount = 100000m) =>
        new(key, batchId, "421223-2026-brand", "app-1", key, "brand-1", "county", "咸宁品牌有限公司", "91421200MA4ABCDE1X", "中国银行", "6217000000000001", amount, reference ?? "REF-" + key, new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));

    public static LedgerEntry Ledger(string awardId, string creditCode = "91421200MA4ABCDE1X", decimal amount = 100000m) =>
        new(awardId, creditCode, "brand-1", 2, "national", "Brand", ["TM-1"], new DateOnly(2025, 6, 1), amount, "county", "421223-2026-brand", "app-1", new DateTimeOffset(2026, 9, 2, 0, 0, 0, TimeSpan.Zero));
}
