using System.Text.Json.Nodes;
using BrandFlow.Policy.Calculation;
using BrandFlow.Policy.Catalog;
using BrandFlow.Policy.Loading;

namespace BrandFlow.Policy.Tests.Calculation;

/// <summary>Runs every policy case in policies/cases/*.yaml (name, as-of date, input, expected output) through the calculator.</summary>
public class PolicyCaseTests
{
    private static readonly Lazy<PolicyCatalog> Catalog = new(() => CatalogLoader.LoadDirectory(Repository.Policies));

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var (id, _) in AllCases())
        {
            data.Add(id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void PolicyCase_Evaluates_AsExpected(string caseId)
    {
        var node = AllCases().Single(c => c.Id == caseId).Case;
        var input = node["input"]!.DeepClone().AsObject();
        input["asOf"] = node["asOf"]!.DeepClone();
        var request = PolicyJson.ParseRequest(input.ToJsonString());

        var result = new PolicyCalculator(Catalog.Value).Evaluate(request);

        var expect = node["expect"]!;
        var expectedAwards = (expect["awards"]?.AsArray() ?? []).Select(a => a!).ToList();
        Assert.Equal(
            expectedAwards.Select(a => $"{a["clause"]} = {a["amount"]!.GetValue<decimal>():0.00}").Order(),
            result.Awards.Select(a => $"{a.ClauseId} = {a.Amount:0.00}").Order());
        foreach (var expected in expectedAwards.Where(a => a["treasury"] is not null))
        {
            Assert.Contains(result.Awards, a => a.ClauseId == (string?)expected["clause"] && a.TreasuryId == (string?)expected["treasury"]);
        }

        var expectedRefusals = (expect["notAwarded"]?.AsArray() ?? []).Select(r => $"{r!["clause"]}: {r["reason"]}").Order().ToList();
        var actualRefusals = result.NotAwarded.Select(r => $"{r.ClauseId}: {r.Reason}").Order().ToList();
        Assert.Equal(expectedRefusals, actualRefusals);

        if (expect["total"] is { } total)
        {
            Assert.Equal(total.GetValue<decimal>(), result.Total);
        }

        Assert.All(result.Awards, a => Assert.False(string.IsNullOrWhiteSpace(a.Explanation.Zh) || string.IsNullOrWhiteSpace(a.Explanation.En)));
        Assert.All(result.NotAwarded, r => Assert.False(string.IsNullOrWhiteSpace(r.Explanation.Zh) || string.IsNullOrWhiteSpace(r.Explanation.En)));
    }

    [Fact]
    public void EveryMoneyClause_HasAtLeastOneCase()
    {
        var covered = AllCases().SelectMany(c => new[] { c.Case["expect"]?["awards"], c.Case["expect"]?["notAwarded"] })
            .SelectMany(list => list?.AsArray() ?? []).Select(x => (string?)x!["clause"]).ToHashSet();
        var missing = Catalog.Value.Clauses.Select(c => c.Id).Where(id => !covered.Contains(id)).Distinct().ToList();
        Assert.True(missing.Count == 0, "clauses without a policy case: " + string.Join(", ", missing));
    }

    private static IEnumerable<(string Id, JsonNode Case)> AllCases()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Policies, "cases"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var cases = YamlToJson.Load(file)!["cases"]!.AsArray();
            for (var i = 0; i < cases.Count; i++)
            {
                yield return ($"{Path.GetFileNameWithoutExtension(file)} #{i + 1}: {cases[i]!["name"]}", cases[i]!);
            }
        }
    }
}
