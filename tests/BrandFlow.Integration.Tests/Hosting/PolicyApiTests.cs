using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using BrandFlow.Policy.Loading;
using BrandFlow.Policy.Tables;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BrandFlow.Integration.Tests.Hosting;

/// <summary>The HTTP API over a catalog loaded into Azurite, as README command (1) serves it.</summary>
public sealed class PolicyApiTests : IClassFixture<PolicyApiTests.LoadedApp>
{
    private readonly HttpClient client;

    public PolicyApiTests(LoadedApp app) => client = app.CreateClient();

    public static TheoryData<string, string, string, decimal> OneCasePerDocument() => new()
    {
        { "421223", "91421223AY4CL12T07", """{ "kind": "patent.invention-granted", "date": "2021-03-01", "identifiers": ["ZL1", "ZL2"] }""", 16_000m },
        { "420100", "91420100J1K6FMHD09", """{ "kind": "brand.time-honoured", "level": "national", "date": "2024-06-01" }""", 500_000m },
        { "330105", "91330105K23GD5QA0L", """{ "kind": "trademark.international", "level": "international", "date": "2018-05-01", "count": 2 }""", 20_000m },
        { "430923", "91430923T2Y8FNM20R", """{ "kind": "patent.invention-granted", "date": "2024-03-01" }""", 0m },
        { "421200", "91421200Y1JJC1710Y", """{ "kind": "quality.prize", "level": "national", "grade": "award", "date": "2024-01-10" }""", 2_000_000m },
    };

    [Fact]
    public async Task Health_Answers()
    {
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(109, health.GetProperty("clauses").GetInt32());
    }

    [Fact]
    public async Task DocumentDetail_ListsClausesWithCitationsAndRules()
    {
        var document = await client.GetFromJsonAsync<JsonElement>("/api/policy/documents/xn-market-system");
        var clauses = document.GetProperty("clauses").EnumerateArray().ToList();
        Assert.Equal(21, clauses.Count);
        var pledge = clauses.Single(c => c.GetProperty("id").GetString() == "xn-ipfinance-pledge-loan");
        Assert.Equal("valuationFee + loanInterest 的 50%，单笔贷款最高 500,000 元", pledge.GetProperty("amount").GetProperty("zh").GetString());
        Assert.StartsWith("对贷款人以商标权、专利权质押贷款融资", pledge.GetProperty("quote").GetString(), StringComparison.Ordinal);

        var missing = await client.GetAsync("/api/policy/documents/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ClauseVersions_ReadFromTables()
    {
        var versions = await client.GetFromJsonAsync<JsonElement>("/api/policy/clauses/cy-tm-well-known/versions");
        var only = Assert.Single(versions.EnumerateArray());
        Assert.Equal(1, only.GetProperty("version").GetInt32());
        Assert.True(only.GetProperty("current").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(OneCasePerDocument))]
    public async Task Evaluate_EachDocumentsJurisdiction_Answers(string jurisdiction, string creditCode, string achievement, decimal total)
    {
        var response = await Post($$"""
            { "asOf": "2024-12-31",
              "applicant": { "name": "测试企业", "creditCode": "{{creditCode}}", "kind": "enterprise", "affiliation": "city", "jurisdiction": "{{jurisdiction}}" },
              "achievements": [ {{achievement}} ] }
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(total, result.GetProperty("total").GetDecimal());
        Assert.NotEmpty(result.GetProperty("documents").EnumerateArray());
        if (jurisdiction == "430923")
        {
            // 安化县: no money clauses; the answer says where the amounts are set instead.
            var anhua = result.GetProperty("documents").EnumerateArray().Single();
            Assert.Contains(anhua.GetProperty("notes").EnumerateArray(), n => n.GetProperty("zh").GetString()!.Contains("安政办发〔2021〕47号", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("{ broken", "$")]
    [InlineData("""{ "asOf": "2024-12-31", "applicant": { "name": "x", "creditCode": "91421223AY4CL12T08", "kind": "enterprise", "jurisdiction": "421223" }, "achievements": [ { "kind": "patent.invention-granted", "date": "2024-01-01" } ] }""", "applicant.creditCode")]
    [InlineData("""{ "asOf": "2024-12-31", "applicant": { "name": "x", "creditCode": "91421223AY4CL12T07", "kind": "enterprise", "jurisdiction": "421223" }, "achievements": [ { "kind": "patent.unknown", "date": "2024-01-01" } ] }""", "achievements[0].kind")]
    [InlineData("""{ "asOf": "2024-12-31", "applicant": { "name": "x", "creditCode": "91421223AY4CL12T07", "kind": "enterprise", "jurisdiction": "421223" }, "achievements": [ { "kind": "patent.invention-granted", "date": "2024-01-01", "count": -3 } ] }""", "achievements[0].count")]
    [InlineData("""{ "asOf": "2024-12-31", "applicant": { "name": "x", "creditCode": "91421223AY4CL12T07", "kind": "enterprise", "jurisdiction": "421223" }, "achievements": [ { "kind": "patent.invention-granted", "date": "1999-01-01" } ] }""", "achievements[0].date")]
    public async Task Evaluate_BadInput_Returns400ProblemNamingField(string body, string field)
    {
        var response = await Post(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("请求无效 / Invalid request", problem.GetProperty("title").GetString());
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> Post(string json) =>
        client.PostAsync("/api/policy/evaluate", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Loads the catalog into a fresh Azurite table and starts the app against it.</summary>
    public sealed class LoadedApp : WebApplicationFactory<Program>, IAsyncLifetime
    {
        private readonly string tableName = Azurite.UniqueName("apipolicies");

        public async Task InitializeAsync()
        {
            var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(tableName);
            await new TableCatalogStore(table, TimeProvider.System).LoadAsync(CatalogLoader.ParseDirectory(Repository.Policies));
            Environment.SetEnvironmentVariable("BrandFlowStorage", Azurite.ConnectionString);
            Environment.SetEnvironmentVariable("BrandFlow__PolicyTable", tableName);

            // The test host runs as Production, where both are required at start.
            Environment.SetEnvironmentVariable("BrandFlow__Links__SigningKey", Convert.ToBase64String(new byte[32]));
            Environment.SetEnvironmentVariable("BrandFlow__Mail__ApiKey", "SG.integration-test");
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}
