using System.Text.Json;
using BrandFlow.Policy.Catalog;

namespace BrandFlow.Policy.Calculation;

/// <summary>
/// The pure calculator: turns an applicant's achievements and award history into awards, each explained clause
/// by clause, and refusals with their reasons. It reads only the catalog; it knows nothing of storage.
/// </summary>
public sealed class PolicyCalculator(PolicyCatalog catalog)
{
    /// <summary>The documents that apply to a jurisdiction: its own and its ancestors', nearest first, optionally filtered.</summary>
    public static IEnumerable<PolicyDocument> ApplicableDocuments(PolicyCatalog catalog, string jurisdiction, IReadOnlyCollection<string>? only)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var level in catalog.Chain(jurisdiction))
        {
            foreach (var document in catalog.Documents.Where(d => d.JurisdictionCode == level.Code && (only is null || only.Contains(d.Id))))
            {
                yield return document;
            }
        }
    }

    /// <summary>Evaluates a request; throws <see cref="EvaluationInputException"/> when the request is invalid.</summary>
    public EvaluationResult Evaluate(EvaluationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidator.Validate(request, catalog);
        var applicant = request.Applicant!;
        var ledger = new Ledger(catalog, request.PriorAwards ?? []);
        var entries = request.AdministratorEntries ?? [];
        var documents = ApplicableDocuments(catalog, applicant.Jurisdiction!, request.Documents).ToList();
        var awards = new List<Award>();
        var refusals = new List<NotAwarded>();
        var used = new Dictionary<string, ClauseVersionUsed>(StringComparer.Ordinal);

        // Lower levels first, so that reaching two levels of one series at once pays the higher one's difference.
        var ordered = request.Achievements!.Select((a, i) => (Achievement: a, Id: a.Id ?? $"a{i + 1}"))
            .OrderBy(x => x.Achievement.Date).ThenBy(x => Levels.Rank(x.Achievement.Level ?? "none")).ToList();
        foreach (var (achievement, id) in ordered)
        {
            achievement.Id = id; // administrator entries and explanations refer to achievements by id; unnamed ones get a1, a2, ...
            foreach (var document in documents)
            {
                foreach (var clause in Matching(document, achievement))
                {
                    used[clause.Id] = new(clause.Id, clause.Version, clause.ContentHash);
                    var outcome = Judge(document, clause, achievement, applicant, ledger, entries);
                    if (outcome.Reason is { } reason)
                    {
                        refusals.Add(new(clause.Id, clause.Version, document.Id, id, reason, Cite(document, clause, outcome.Explanation)));
                        continue;
                    }

                    var treasuryId = catalog.PayingTreasury(clause, applicant.Jurisdiction!);
                    var treasury = catalog.Treasuries[treasuryId];
                    var explanation = Cite(document, clause, outcome.Explanation);
                    explanation = new($"{explanation.Zh}；由{treasury.Name.Zh}支付。", $"{explanation.En}; paid by the {treasury.Name.En}.");
                    awards.Add(new(clause.Id, clause.Version, clause.ContentHash, document.Id, document.Status == DocumentStatus.Draft ? "draft" : "in-force",
                        clause.Section, id, outcome.Amount!.Value, treasuryId, treasury.Name, clause.DepartmentId, explanation, Obligations(document, applicant)));
                    ledger.Record(clause, achievement, outcome.Amount.Value);
                }
            }
        }

        var byTreasury = awards.GroupBy(a => a.TreasuryId)
            .Select(g => new TreasuryTotal(g.Key, g.First().Treasury, g.Sum(a => a.Amount))).ToList();
        return new EvaluationResult(request.AsOf!.Value, applicant.Name!, applicant.CreditCode!, applicant.Jurisdiction!,
            awards, refusals, awards.Sum(a => a.Amount), byTreasury, used.Values.ToList(), documents.Select(Applied).ToList());
    }

    private static IEnumerable<PolicyClause> Matching(PolicyDocument document, AchievementInput a)
    {
        var level = a.Level ?? "none";
        var matches = document.Clauses.Where(c => c.AchievementKind == a.Kind && c.Level == level && (c.Grade is null || c.Grade == a.Grade));

        // Versions of one clause id have disjoint windows: take the one in force on the achievement date, else the latest.
        return matches.GroupBy(c => c.Id).Select(g =>
            g.FirstOrDefault(c => c.Window?.Contains(a.Date!.Value) == true) ?? g.OrderBy(c => c.Window?.From ?? DateOnly.MinValue).Last());
    }

    private AmountOutcome Judge(PolicyDocument document, PolicyClause clause, AchievementInput a, ApplicantInput applicant, Ledger ledger, IReadOnlyList<AdministratorEntry> entries)
    {
        var date = a.Date!.Value;
        var window = clause.Window ?? document.Effective;
        if (!window.Contains(date))
        {
            return AmountOutcome.Refuse(Reasons.OutsideWindow, $"成果日期 {date:yyyy-MM-dd} 不在有效期 {window} 内", $"the achievement date {date:yyyy-MM-dd} is outside the effective window {window}");
        }

        if (!clause.ApplicantKinds.Contains(applicant.Kind!))
        {
            var allowed = clause.ApplicantKinds.Select(k => catalog.Vocabulary.ApplicantKinds[k]).ToList();
            var kind = catalog.Vocabulary.ApplicantKinds[applicant.Kind!];
            return AmountOutcome.Refuse(Reasons.ApplicantKind, $"仅限{string.Join("、", allowed.Select(t => t.Zh))}申请，申请人为{kind.Zh}",
                $"only for {string.Join(", ", allowed.Select(t => t.En))}; the applicant is a(n) {kind.En}");
        }

        var conditions = clause.Conditions.AsEnumerable();
        if (applicant.RelocatedOn is not null && document.Rules.OfType<RelocatedFirmsEligible>().FirstOrDefault() is { } relocated)
        {
            conditions = conditions.Concat(relocated.Conditions);
        }

        if (conditions.FirstOrDefault(c => !Holds(c, a, applicant)) is { } failed)
        {
            return AmountOutcome.Refuse(Reasons.ConditionNotMet, $"条件不满足：{failed.Description.Zh}", $"condition not met: {failed.Description.En}");
        }

        if (ledger.RefusalFor(clause, a) is { } refusal)
        {
            return refusal;
        }

        var outcome = AmountCalculator.Compute(clause, a, applicant, ledger.UnpaidUnits(clause, a), entries, catalog);
        if (outcome.Amount is not { } full || clause.Series is null || !document.Rules.OfType<OncePerLevelWithUpgradeDifference>().Any())
        {
            return outcome;
        }

        var paidLower = ledger.PaidInSeries(clause, a);
        if (paidLower == 0)
        {
            return outcome;
        }

        var difference = full - paidLower;
        return difference <= 0
            ? AmountOutcome.Refuse(Reasons.AlreadyPaid, $"较低层次已获奖励 {AmountCalculator.Money(paidLower)} 元，不低于本层次金额，无差额可补", $"lower levels already paid CNY {AmountCalculator.Money(paidLower)}, no difference left")
            : AmountOutcome.Pay(difference, $"{outcome.Explanation.Zh}；同一系列较低层次已获 {AmountCalculator.Money(paidLower)} 元，补足差额 {AmountCalculator.Money(difference)} 元",
                $"{outcome.Explanation.En}; lower levels of the same series already paid CNY {AmountCalculator.Money(paidLower)}, so the difference CNY {AmountCalculator.Money(difference)} is paid");
    }

    private static bool Holds(Condition condition, AchievementInput a, ApplicantInput applicant)
    {
        string? text = null;
        bool? flag = null;
        switch (condition.Fact)
        {
            case "applicant.affiliation": text = applicant.Affiliation; break;
            case "applicant.kind": text = applicant.Kind; break;
            default:
                if (a.Facts?.TryGetValue(condition.Fact, out var value) == true)
                {
                    flag = value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null };
                    text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                }

                break;
        }

        return condition.EqualsTrue is not null ? flag == condition.EqualsTrue : text is not null && condition.OneOf!.Contains(text);
    }

    private static DocumentApplied Applied(PolicyDocument d) => new(d.Id, d.Title, d.Status == DocumentStatus.Draft ? "draft" : "in-force", d.Clauses.Count,
        d.Provisions.Where(p => p.DefersTo is not null || p.BudgetAmount is not null).Select(p => p.Summary).ToList());

    private static Text Cite(PolicyDocument document, PolicyClause clause, Text body) =>
        new($"《{document.Title.Zh}》{clause.Section}（{clause.Title.Zh}）：{body.Zh}",
            $"{document.Title.En} §{clause.Section} ({clause.Title.En}): {body.En}");

    private static IReadOnlyList<Text> Obligations(PolicyDocument document, ApplicantInput applicant) =>
        applicant.RelocatedOn is null ? [] : document.Rules.OfType<RelocatedFirmsEligible>().Select(r => r.Obligation).ToList();
}
