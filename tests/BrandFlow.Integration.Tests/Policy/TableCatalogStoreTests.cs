using Azure.Data.Tables;
using BrandFlow.Policy.Calculation;
using BrandFlow.Policy.Loading;
using BrandFlow.Policy.Tables;

namespace BrandFlow.Integration.Tests.Policy;

/// <summary>The catalog loader against Azurite: idempotent loads, versioned clauses, nothing written for a bad catalog.</summary>
public class TableCatalogStoreTests
{
    private readonly TableClient table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(Azurite.UniqueName("policies"));

    [Fact]
    public async Task LoadAsync_Twice_SecondLoadChangesNothing()
    {
        var store = new TableCatalogStore(table, TimeProvider.System);
        var source = CatalogLoader.ParseDirectory(Repository.Policies);

        var first = await store.LoadAsync(source);
        var second = await store.LoadAsync(CatalogLoader.ParseDirectory(Repository.Policies));

        Assert.Equal(5, first.Documents);
        Assert.Equal(109, first.Clauses);
        Assert.Equal(109, first.NewVersions);
        Assert.Equal(0, second.NewVersions);
        Assert.Equal(109, second.Unchanged);
        var catalog = await store.ReadCatalogAsync();
        Assert.Equal(109, catalog.Clauses.Count());
        Assert.All(catalog.Clauses, c => Assert.Equal(1, c.Version));
        Assert.Equal(["ah-ip-pilot-county", "cy-brand-quality", "gs-brand-strategy", "wh-brand-action-plan", "xn-market-system"], catalog.Documents.Select(d => d.Id).Order());
    }

    [Fact]
    public async Task LoadAsync_ChangedClause_BecomesNewVersion_OldStaysReadable_EvaluationRecordsIt()
    {
        var store = new TableCatalogStore(table, TimeProvider.System);
        await store.LoadAsync(CatalogLoader.ParseDirectory(Repository.Policies));

        var revised = CatalogLoader.ParseDirectory(Repository.Policies);
        var clause = revised.Documents.Single(d => d.Document.Id == "xn-market-system").Document.Clauses.Single(c => c.Id == "xn-std-frontrunner");
        clause.Amount!.Fixed = 250_000m;
        var report = await store.LoadAsync(revised);

        Assert.Equal(1, report.NewVersions);
        Assert.Equal(["xn-std-frontrunner"], report.ChangedClauses);
        var versions = await store.GetVersionsAsync("xn-std-frontrunner");
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(200_000m, versions[0].Source.Amount!.Fixed);
        Assert.False(versions[0].Current);
        Assert.True(versions[1].Current);

        var catalog = await store.ReadCatalogAsync();
        var result = new PolicyCalculator(catalog).Evaluate(PolicyJson.ParseRequest("""
            { "asOf": "2024-12-31",
              "applicant": { "name": "咸宁市标准化示范有限公司", "creditCode": "91421200Y1JJC1710Y", "kind": "enterprise", "affiliation": "city", "jurisdiction": "421200" },
              "achievements": [ { "kind": "standard.frontrunner", "level": "national", "date": "2024-04-10" } ] }
            """));
        var award = Assert.Single(result.Awards);
        Assert.Equal(250_000m, award.Amount);
        Assert.Equal(2, award.ClauseVersion);
        Assert.Contains(result.ClauseVersions, v => v.ClauseId == "xn-std-frontrunner" && v.Version == 2);
    }

    [Fact]
    public async Task LoadAsync_InvalidCatalog_WritesNothing()
    {
        var store = new TableCatalogStore(table, TimeProvider.System);
        var broken = CatalogLoader.ParseDirectory(Repository.Policies);
        broken.Documents[0].Document.Clauses[0].Level = "galactic";

        var ex = await Assert.ThrowsAsync<CatalogValidationException>(() => store.LoadAsync(broken));

        Assert.Contains(ex.Errors, e => e.Message.Contains("unknown level 'galactic'", StringComparison.Ordinal) && e.File.StartsWith("documents/000", StringComparison.Ordinal));
        var tables = new TableServiceClient(Azurite.ConnectionString).QueryAsync(t => t.Name == table.Name);
        await foreach (var _ in tables)
        {
            Assert.Fail("the table must not have been created for an invalid catalog");
        }
    }
}
