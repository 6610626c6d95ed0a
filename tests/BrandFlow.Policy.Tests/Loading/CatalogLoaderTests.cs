using BrandFlow.Policy.Catalog;
using BrandFlow.Policy.Loading;

namespace BrandFlow.Policy.Tests.Loading;

public class CatalogLoaderTests
{
    private const string ClauseTemplate = """
          - id: CLAUSE_ID
            section: 一(一)
            title: { zh: 测试条款, en: test clause }
            quote: 奖励1万元
            category: CATEGORY
            level: LEVEL
            achievement: quality.prize
            grade: award
            applicants: [enterprise]
            amount: AMOUNT
            department: d1
            evidence: [certificate]
            VALIDITY
        """;

    [Fact]
    public void LoadDirectory_SeedCatalog_LoadsEveryDocument()
    {
        var catalog = CatalogLoader.LoadDirectory(Repository.Policies);
        Assert.Equal(5, catalog.Documents.Count);
        Assert.Equal(["421223", "421200", "420000"], catalog.Chain("421223").Select(j => j.Code));
        Assert.Empty(catalog.Document("ah-ip-pilot-county").Clauses);
        Assert.Contains(catalog.Document("ah-ip-pilot-county").Provisions, p => p.BudgetAmount == 1_000_000m);
    }

    [Fact]
    public void PoliciesReadme_ClauseCounts_MatchCatalog()
    {
        // policies/README.md states, per document, how many money clauses the seed has and how many are encoded.
        var catalog = CatalogLoader.LoadDirectory(Repository.Policies);
        var rows = File.ReadAllLines(Path.Combine(Repository.Policies, "README.md"))
            .Where(l => l.StartsWith("| 00", StringComparison.Ordinal)).Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(5, rows.Count);
        foreach (var row in rows)
        {
            var document = catalog.Documents.Single(d => d.SourceFile.StartsWith(row[1], StringComparison.Ordinal));
            var inSeed = int.Parse(row[^3], System.Globalization.CultureInfo.InvariantCulture);
            var encoded = int.Parse(row[^2], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(inSeed, encoded);
            Assert.Equal(encoded, document.Clauses.Count);
        }
    }

    [Theory]
    [InlineData("level: LEVEL", "level: galactic", "[t-1]: unknown level 'galactic'")]
    [InlineData("category: CATEGORY", "category: astrology", "[t-1]: unknown category 'astrology'")]
    [InlineData("amount: AMOUNT", "amount: { percent: 0.5 }", "[t-1]: amount.percent needs a rate in (0, 1] and a non-empty 'of' list")]
    [InlineData("amount: AMOUNT", "amount: { fixed: 100, pool: 5 }", "[t-1]: amount must set exactly one of")]
    [InlineData("amount: AMOUNT", "amount: { tiers: [{min: 50, amount: 100000}, {min: 30, amount: 50000}], metric: { zh: 件, en: items } }", "strictly ascending")]
    [InlineData("amount: AMOUNT", "amount: { fractionOf: nowhere, fraction: 0.5 }", "[t-1]: amount.fractionOf refers to unknown clause 'nowhere'")]
    public void Load_MalformedClause_NamesFileAndClause(string placeholder, string replacement, string expected)
    {
        var files = Files(Clause("t-1", placeholder, replacement));
        var ex = Assert.Throws<CatalogValidationException>(() => CatalogLoader.Load(files));
        Assert.Contains(ex.Errors, e => e.ToString().Contains(expected, StringComparison.Ordinal) && e.File == "documents/test.yaml");
    }

    [Fact]
    public void Load_DuplicateClauseId_Rejected()
    {
        var ex = Assert.Throws<CatalogValidationException>(() => CatalogLoader.Load(Files(Clause("t-1") + Clause("t-1"))));
        Assert.Contains(ex.Errors, e => e.ClauseId == "t-1" && e.Message.Contains("duplicate clause id", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_OverlappingVersions_Rejected_DisjointAccepted()
    {
        var overlapping = Clause("t-1", "VALIDITY", "validFrom: \"2020-01-01\"\n    validTo: \"2021-12-31\"")
            + Clause("t-1", "VALIDITY", "validFrom: \"2021-06-01\"");
        var ex = Assert.Throws<CatalogValidationException>(() => CatalogLoader.Load(Files(overlapping)));
        Assert.Contains(ex.Errors, e => e.Message.Contains("overlapping versions of clause 't-1'", StringComparison.Ordinal));

        var disjoint = Clause("t-1", "VALIDITY", "validFrom: \"2020-01-01\"\n    validTo: \"2021-12-31\"")
            + Clause("t-1", "VALIDITY", "validFrom: \"2022-01-01\"");
        Assert.Equal(2, CatalogLoader.Load(Files(disjoint)).Document("test").Clauses.Count);
    }

    [Fact]
    public void Load_MalformedYaml_ReportsLine()
    {
        var files = Files(Clause("t-1")).ToDictionary(p => p.Key, p => p.Value);
        files["documents/test.yaml"] = "id: test\nclauses: [ { id: x, \n";
        var ex = Assert.Throws<CatalogValidationException>(() => CatalogLoader.Load(files));
        Assert.Contains(ex.Errors, e => e.File == "documents/test.yaml" && e.Message.StartsWith("malformed YAML at line", StringComparison.Ordinal));
    }

    [Fact]
    public void HashOf_ChangedAmount_ChangesClauseHash()
    {
        var a = CatalogLoader.Load(Files(Clause("t-1"))).Document("test").Clauses[0];
        var b = CatalogLoader.Load(Files(Clause("t-1", "amount: AMOUNT", "amount: { fixed: 20000 }"))).Document("test").Clauses[0];
        Assert.NotEqual(a.ContentHash, b.ContentHash);
        Assert.IsType<FixedAmount>(b.Amount);
    }

    private static string Clause(string id, string? placeholder = null, string? replacement = null)
    {
        var text = ClauseTemplate.Replace("CLAUSE_ID", id, StringComparison.Ordinal);
        if (placeholder is not null)
        {
            text = text.Replace(placeholder, replacement!, StringComparison.Ordinal);
        }

        return text.Replace("CATEGORY", "quality-prize", StringComparison.Ordinal).Replace("LEVEL", "municipal", StringComparison.Ordinal)
            .Replace("AMOUNT", "{ fixed: 10000 }", StringComparison.Ordinal).Replace("VALIDITY", "", StringComparison.Ordinal) + "\n";
    }

    private static Dictionary<string, string> Files(string clauses) => new()
    {
        ["vocabulary.yaml"] = File.ReadAllText(Path.Combine(Repository.Policies, "vocabulary.yaml")),
        ["jurisdictions.yaml"] = File.ReadAllText(Path.Combine(Repository.Policies, "jurisdictions.yaml")),
        ["documents/test.yaml"] = $"""
            id: test
            seed: test.txt
            title: {"{"} zh: 测试文件, en: test document {"}"}
            jurisdiction: "421200"
            status: in-force
            effective: {"{"} from: "2020-01-01", basis: test {"}"}
            defaultTreasury: fin-421200
            departments:
              d1: {"{"} zh: 测试部门, en: test department {"}"}
            clauses:
            {clauses}
            """,
    };
}
