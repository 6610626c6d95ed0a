namespace BrandFlow.Policy.Catalog;

/// <summary>How a clause's amount is computed. Amounts are decimal CNY.</summary>
public abstract record AmountRule;

/// <summary>A fixed amount (奖励20万元).</summary>
public sealed record FixedAmount(decimal Amount) : AmountRule;

/// <summary>An amount per unit (每件8000元): count of patents, standards, marks, projects.</summary>
public sealed record PerUnitAmount(decimal AmountPerUnit, Text Unit) : AmountRule;

/// <summary>Threshold tiers on a yearly count where only the highest tier reached pays (30件→5万, 50件→10万).</summary>
public sealed record TieredAmount(IReadOnlyList<Tier> Tiers, Text Metric) : AmountRule;

/// <summary>One tier: reaching Minimum pays Amount.</summary>
public sealed record Tier(int Minimum, decimal Amount);

/// <summary>A percentage of named base amounts, capped per claim (50% of fees, at most 2万).</summary>
public sealed record PercentOfBase(decimal Rate, IReadOnlyList<string> BaseFields, decimal? Cap, Text CapUnit) : AmountRule;

/// <summary>Different fixed amounts by the applicant's affiliation (市属 40万 / 县属 20万).</summary>
public sealed record ByAffiliation(IReadOnlyDictionary<string, decimal> Amounts) : AmountRule;

/// <summary>A fraction of another clause's amount (省级示范区减半).</summary>
public sealed record FractionOfClause(string ClauseId, decimal Fraction) : AmountRule;

/// <summary>A fixed pool shared among winners by shares an administrator sets (奖励总额50万元).</summary>
public sealed record SharedPool(decimal Total) : AmountRule;

/// <summary>The amount is set by a regulation not in the catalog; claimable, payable only after an administrator enters it.</summary>
public sealed record ExternallySetAmount(Text Regulation) : AmountRule;
