using System.Globalization;
using BrandFlow.Policy.Catalog;

namespace BrandFlow.Policy.Calculation;

/// <summary>The outcome of applying one amount rule: an amount with its explanation, or a refusal reason.</summary>
internal sealed record AmountOutcome(decimal? Amount, Text Explanation, string? Reason)
{
    public static AmountOutcome Pay(decimal amount, string zh, string en) => new(amount, new(zh, en), null);

    public static AmountOutcome Refuse(string reason, string zh, string en) => new(null, new(zh, en), reason);
}

/// <summary>Turns an amount rule plus an achievement into an amount, explained in Chinese and English.</summary>
internal static class AmountCalculator
{
    public static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static AmountOutcome Compute(
        PolicyClause clause, AchievementInput achievement, ApplicantInput applicant, int units,
        IReadOnlyList<AdministratorEntry> entries, PolicyCatalog catalog)
    {
        switch (clause.Amount)
        {
            case FixedAmount f:
                return AmountOutcome.Pay(f.Amount, $"定额奖励 {Money(f.Amount)} 元", $"fixed award of CNY {Money(f.Amount)}");

            case PerUnitAmount p:
                if (units <= 0)
                {
                    return AmountOutcome.Refuse(Reasons.TierNotReached, $"可奖励数量为 0（每{p.Unit.Zh} {Money(p.AmountPerUnit)} 元）",
                        $"nothing to pay: 0 units (CNY {Money(p.AmountPerUnit)} per {p.Unit.En})");
                }

                var total = p.AmountPerUnit * units;
                return AmountOutcome.Pay(total, $"每{p.Unit.Zh} {Money(p.AmountPerUnit)} 元 × {units} = {Money(total)} 元",
                    $"CNY {Money(p.AmountPerUnit)} per {p.Unit.En} × {units} = CNY {Money(total)}");

            case TieredAmount t:
                var count = achievement.Count ?? 0;
                var reached = t.Tiers.LastOrDefault(x => count >= x.Minimum);
                if (reached is null)
                {
                    var first = t.Tiers[0].Minimum;
                    return AmountOutcome.Refuse(Reasons.TierNotReached, $"{t.Metric.Zh} {count} 未达到最低档 {first}（{count} < {first}）",
                        $"{t.Metric.En}: {count} does not reach the lowest tier ({count} < {first})");
                }

                var tiers = string.Join("、", t.Tiers.Select(x => $"≥{x.Minimum}→{Money(x.Amount)}"));
                return AmountOutcome.Pay(reached.Amount,
                    $"{t.Metric.Zh} {count}，达到 {reached.Minimum} 档，奖励 {Money(reached.Amount)} 元（各档：{tiers}，只按达到的最高档）",
                    $"{t.Metric.En}: {count} reaches the {reached.Minimum} tier, CNY {Money(reached.Amount)} (tiers {tiers.Replace('、', ',')}; only the highest tier reached pays)");

            case PercentOfBase pct:
                return Percent(pct, achievement);

            case ByAffiliation byAffiliation:
                if (applicant.Affiliation is null)
                {
                    return AmountOutcome.Refuse(Reasons.AffiliationRequired, "该条款按市属/县属区分金额，申请人未填写隶属关系",
                        "this clause pays by affiliation (city- or county-owned) and the applicant gave none");
                }

                if (!byAffiliation.Amounts.TryGetValue(applicant.Affiliation, out var variant))
                {
                    return AmountOutcome.Refuse(Reasons.ConditionNotMet, $"该条款不适用于隶属关系“{applicant.Affiliation}”",
                        $"this clause does not pay applicants with affiliation '{applicant.Affiliation}'");
                }

                var name = catalog.Vocabulary.Affiliations[applicant.Affiliation];
                return AmountOutcome.Pay(variant, $"{name.Zh}单位奖励 {Money(variant)} 元", $"{name.En} applicant: CNY {Money(variant)}");

            case FractionOfClause fraction:
                var referenced = catalog.Clauses.First(c => c.Id == fraction.ClauseId);
                var baseAmount = ((FixedAmount)referenced.Amount).Amount;
                var share = decimal.Round(baseAmount * fraction.Fraction, 2, MidpointRounding.AwayFromZero);
                return AmountOutcome.Pay(share,
                    $"按“{referenced.Title.Zh}”金额 {Money(baseAmount)} 元的 {AmountRuleText.Percent(fraction.Fraction)} 计 {Money(share)} 元",
                    $"{AmountRuleText.Percent(fraction.Fraction)} of '{referenced.Title.En}' (CNY {Money(baseAmount)}) = CNY {Money(share)}");

            case SharedPool pool:
                var poolEntry = Entry(entries, clause, achievement, e => e.Share is not null);
                if (poolEntry?.Share is not { } poolShare)
                {
                    return AmountOutcome.Refuse(Reasons.AwaitingAdministratorAmount, $"奖励总额 {Money(pool.Total)} 元，待管理员确定各获奖单位份额",
                        $"a pool of CNY {Money(pool.Total)} awaits the administrator's share for each winner");
                }

                var pooled = decimal.Round(pool.Total * poolShare, 2, MidpointRounding.AwayFromZero);
                return AmountOutcome.Pay(pooled, $"奖励总额 {Money(pool.Total)} 元 × 管理员确定的份额 {AmountRuleText.Percent(poolShare)} = {Money(pooled)} 元",
                    $"pool of CNY {Money(pool.Total)} × administrator's share {AmountRuleText.Percent(poolShare)} = CNY {Money(pooled)}");

            case ExternallySetAmount external:
                var amountEntry = Entry(entries, clause, achievement, e => e.Amount is not null);
                if (amountEntry?.Amount is not { } entered)
                {
                    return AmountOutcome.Refuse(Reasons.AwaitingAdministratorAmount, $"金额由{external.Regulation.Zh}确定，待管理员录入",
                        $"the amount is set by {external.Regulation.En} and awaits administrator entry");
                }

                return AmountOutcome.Pay(entered, $"按{external.Regulation.Zh}，管理员录入金额 {Money(entered)} 元",
                    $"amount entered by the administrator under {external.Regulation.En}: CNY {Money(entered)}");

            default:
                throw new InvalidOperationException($"unknown amount rule {clause.Amount.GetType().Name}");
        }
    }

    private static AmountOutcome Percent(PercentOfBase pct, AchievementInput achievement)
    {
        var amounts = achievement.Amounts ?? [];
        var missing = pct.BaseFields.Where(f => !amounts.ContainsKey(f)).ToList();
        if (missing.Count == pct.BaseFields.Count)
        {
            return AmountOutcome.Refuse(Reasons.ConditionNotMet, $"缺少计算基数：{string.Join("、", missing)}",
                $"the base amounts are missing: {string.Join(", ", missing)}");
        }

        var parts = pct.BaseFields.Where(amounts.ContainsKey).Select(f => (Field: f, Value: amounts[f])).ToList();
        var baseTotal = parts.Sum(p => p.Value);
        var raw = decimal.Round(baseTotal * pct.Rate, 2, MidpointRounding.AwayFromZero);
        var sum = string.Join(" + ", parts.Select(p => $"{p.Field} {Money(p.Value)}"));
        if (pct.Cap is { } cap && raw > cap)
        {
            return AmountOutcome.Pay(cap, $"（{sum}）× {AmountRuleText.Percent(pct.Rate)} = {Money(raw)} 元，超过{pct.CapUnit.Zh}上限，按上限 {Money(cap)} 元",
                $"({sum}) × {AmountRuleText.Percent(pct.Rate)} = CNY {Money(raw)}, above the cap {pct.CapUnit.En}: CNY {Money(cap)}");
        }

        var capText = pct.Cap is { } c ? $"，未超过{pct.CapUnit.Zh}上限 {Money(c)} 元" : "";
        var capTextEn = pct.Cap is { } c2 ? $", within the cap of CNY {Money(c2)} {pct.CapUnit.En}" : "";
        return AmountOutcome.Pay(raw, $"（{sum}）× {AmountRuleText.Percent(pct.Rate)} = {Money(raw)} 元{capText}", $"({sum}) × {AmountRuleText.Percent(pct.Rate)} = CNY {Money(raw)}{capTextEn}");
    }

    private static AdministratorEntry? Entry(IReadOnlyList<AdministratorEntry> entries, PolicyClause clause, AchievementInput a, Func<AdministratorEntry, bool> has) =>
        entries.FirstOrDefault(e => e.ClauseId == clause.Id && e.AchievementId == a.Id && has(e))
        ?? entries.FirstOrDefault(e => e.ClauseId == clause.Id && e.AchievementId is null && has(e));
}
