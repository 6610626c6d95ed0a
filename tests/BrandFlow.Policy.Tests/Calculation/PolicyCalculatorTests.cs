using BrandFlow.Policy.Calculation;
using BrandFlow.Policy.Loading;

namespace BrandFlow.Policy.Tests.Calculation;

public class PolicyCalculatorTests
{
    private static readonly Lazy<PolicyCalculator> Calculator = new(() => new PolicyCalculator(CatalogLoader.LoadDirectory(Repository.Policies)));

    private const string ValidBody = """
        {
          "asOf": "2024-12-31",
          "applicant": { "name": "崇阳县测试有限公司", "creditCode": "91421223AY4CL12T07", "kind": "enterprise", "affiliation": "county", "jurisdiction": "421223" },
          "achievements": [ { "id": "a1", "kind": "trademark.well-known", "level": "national", "date": "2023-05-10", "identifiers": ["TM-1"] } ]
        }
        """;

    [Fact]
    public void Evaluate_CountyFirm_StacksCountyAndCityWithExplanations()
    {
        var result = Calculator.Value.Evaluate(PolicyJson.ParseRequest(ValidBody));

        Assert.Equal(400_000m, result.Total);
        Assert.Equal(["fin-421200", "fin-421223"], result.TotalsByTreasury.Select(t => t.TreasuryId).Order());
        var city = result.Awards.Single(a => a.ClauseId == "xn-tm-well-known");
        Assert.Contains("县属单位奖励 200,000.00 元", city.Explanation.Zh, StringComparison.Ordinal);
        Assert.Contains("咸宁市级财政", city.Explanation.Zh, StringComparison.Ordinal);
        Assert.Contains("county-owned applicant: CNY 200,000.00", city.Explanation.En, StringComparison.Ordinal);
        Assert.Equal(1, city.ClauseVersion);
        Assert.Equal(16, city.ClauseHash.Length);
        Assert.Contains(result.ClauseVersions, v => v.ClauseId == "cy-tm-well-known");
    }

    [Fact]
    public void Evaluate_TierNotReached_ExplainsTheShortfall()
    {
        var body = ValidBody.Replace("""{ "id": "a1", "kind": "trademark.well-known", "level": "national", "date": "2023-05-10", "identifiers": ["TM-1"] }""",
            """{ "id": "a1", "kind": "patent.invention-filed-annual", "date": "2023-12-31", "count": 29 }""", StringComparison.Ordinal);
        var result = Calculator.Value.Evaluate(PolicyJson.ParseRequest(body));

        var refusal = Assert.Single(result.NotAwarded);
        Assert.Equal(Reasons.TierNotReached, refusal.Reason);
        Assert.Contains("29 < 30", refusal.Explanation.Zh, StringComparison.Ordinal);
        Assert.Contains("29 < 30", refusal.Explanation.En, StringComparison.Ordinal);
        Assert.Empty(result.Awards);
    }

    [Fact]
    public void Evaluate_RelocatedFirm_RecordsFiveYearObligationOnAward()
    {
        var body = """
            { "asOf": "2021-12-31",
              "applicant": { "name": "迁入企业", "creditCode": "91330105QHJRWTAA0W", "kind": "enterprise", "jurisdiction": "330105", "relocatedOn": "2020-03-01" },
              "achievements": [ { "kind": "trademark.well-known", "level": "national", "date": "2019-07-01", "facts": { "originalRecognitionStillValid": true } } ] }
            """;
        var award = Assert.Single(Calculator.Value.Evaluate(PolicyJson.ParseRequest(body)).Awards);
        Assert.Equal("draft", award.DocumentStatus);
        var obligation = Assert.Single(award.Obligations);
        Assert.Contains("未满五年迁出", obligation.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnderAnotherCulture_ExplainsWithCultureIndependentNumbers()
    {
        var body = ValidBody.Replace("""{ "id": "a1", "kind": "trademark.well-known", "level": "national", "date": "2023-05-10", "identifiers": ["TM-1"] }""",
            """{ "id": "a1", "kind": "ip.enforcement-costs", "date": "2023-05-10", "amounts": { "costs": 12345.5 } }""", StringComparison.Ordinal)
            .Replace("\"kind\": \"enterprise\"", "\"kind\": \"agency\"", StringComparison.Ordinal);
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
        try
        {
            var award = Assert.Single(Calculator.Value.Evaluate(PolicyJson.ParseRequest(body)).Awards);
            Assert.Equal(6172.75m, award.Amount);
            Assert.Contains("（costs 12,345.50）× 50% = 6,172.75 元", award.Explanation.Zh, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("{ not json", "$")]
    [InlineData("""{ "asOf": "2024-12-31", "applicant": {}, "achievements": [], "surprise": 1 }""", "surprise")]
    [InlineData("""{ "asOf": "31/12/2024" }""", "asOf")]
    public void ParseRequest_MalformedJson_NamesField(string body, string field)
    {
        var ex = Assert.Throws<EvaluationInputException>(() => PolicyJson.ParseRequest(body));
        Assert.Contains(ex.Errors, e => e.Field == field && e.Message.Contains(" / ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"kind\": \"trademark.well-known\"", "\"kind\": \"trademark.famous-ish\"", "achievements[0].kind")]
    [InlineData("\"identifiers\": [\"TM-1\"]", "\"identifiers\": [\"TM-1\"], \"count\": -1", "achievements[0].count")]
    [InlineData("91421223AY4CL12T07", "91421223AY4CL12T08", "applicant.creditCode")]
    [InlineData("\"date\": \"2023-05-10\"", "\"date\": \"2001-05-10\"", "achievements[0].date")]
    [InlineData("\"date\": \"2023-05-10\"", "\"date\": \"2025-05-10\"", "achievements[0].date")]
    [InlineData("\"level\": \"national\"", "\"level\": \"provincial\"", "achievements[0].level")]
    [InlineData("\"jurisdiction\": \"421223\"", "\"jurisdiction\": \"999999\"", "applicant.jurisdiction")]
    [InlineData("\"kind\": \"enterprise\"", "\"kind\": \"alien\"", "applicant.kind")]
    public void Evaluate_InvalidInput_NamesFieldAndEvaluatesNothing(string from, string to, string field)
    {
        var request = PolicyJson.ParseRequest(ValidBody.Replace(from, to, StringComparison.Ordinal));
        var ex = Assert.Throws<EvaluationInputException>(() => Calculator.Value.Evaluate(request));
        Assert.Contains(ex.Errors, e => e.Field == field);
    }
}
