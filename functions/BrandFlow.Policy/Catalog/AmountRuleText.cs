using System.Globalization;

namespace BrandFlow.Policy.Catalog;

/// <summary>Describes an amount rule in Chinese and English, for catalog pages and API readers.</summary>
public static class AmountRuleText
{
    /// <summary>One-line description of the rule.</summary>
    public static Text Describe(AmountRule rule) => rule switch
    {
        FixedAmount f => new($"定额 {M(f.Amount)} 元", $"fixed CNY {M(f.Amount)}"),
        PerUnitAmount p => new($"每{p.Unit.Zh} {M(p.AmountPerUnit)} 元", $"CNY {M(p.AmountPerUnit)} per {p.Unit.En}"),
        TieredAmount t => new($"{t.Metric.Zh}：{string.Join("；", t.Tiers.Select(x => $"≥{x.Minimum} 奖 {M(x.Amount)} 元"))}（只按最高档）",
            $"{t.Metric.En}: {string.Join("; ", t.Tiers.Select(x => $"≥{x.Minimum} pays CNY {M(x.Amount)}"))} (highest tier reached only)"),
        PercentOfBase p => new($"{string.Join(" + ", p.BaseFields)} 的 {AmountRuleText.Percent(p.Rate)}{(p.Cap is { } c ? $"，{p.CapUnit.Zh}最高 {M(c)} 元" : "")}",
            $"{AmountRuleText.Percent(p.Rate)} of {string.Join(" + ", p.BaseFields)}{(p.Cap is { } c2 ? $", at most CNY {M(c2)} {p.CapUnit.En}" : "")}"),
        ByAffiliation b => new(string.Join("；", b.Amounts.Select(a => $"{(a.Key == "city" ? "市属" : "县属")} {M(a.Value)} 元")),
            string.Join("; ", b.Amounts.Select(a => $"{a.Key}-owned CNY {M(a.Value)}"))),
        FractionOfClause f => new($"条款 {f.ClauseId} 金额的 {AmountRuleText.Percent(f.Fraction)}", $"{AmountRuleText.Percent(f.Fraction)} of clause {f.ClauseId}"),
        SharedPool p => new($"奖励总额 {M(p.Total)} 元，按管理员确定的份额分配", $"a pool of CNY {M(p.Total)} shared by administrator-set shares"),
        ExternallySetAmount e => new($"金额由{e.Regulation.Zh}确定，管理员录入", $"amount set by {e.Regulation.En}, entered by an administrator"),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.GetType().Name),
    };

    /// <summary>A rate as a culture-independent percentage: 0.5 → "50%", 0.125 → "12.5%".</summary>
    public static string Percent(decimal rate) => (rate * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string M(decimal amount) => amount.ToString("#,##0.##", CultureInfo.InvariantCulture);
}
