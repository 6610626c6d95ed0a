using BrandFlow.Policy.Catalog;

namespace BrandFlow.Policy.Calculation;

/// <summary>The awards already paid (prior awards plus those granted earlier in the same evaluation).</summary>
internal sealed class Ledger
{
    private readonly List<Entry> entries = [];

    public Ledger(PolicyCatalog catalog, IEnumerable<PriorAward> prior)
    {
        foreach (var p in prior)
        {
            var clause = catalog.Clauses.First(c => c.Id == p.ClauseId);
            entries.Add(new(clause, p.Level ?? clause.Level, p.Subject, p.Amount, p.Date!.Value, p.Identifiers ?? []));
        }
    }

    public void Record(PolicyClause clause, AchievementInput a, decimal amount) =>
        entries.Add(new(clause, clause.Level, a.Subject, amount, a.Date!.Value, Unpaid(clause, a)));

    /// <summary>Why the clause cannot pay this achievement again, or null.</summary>
    public AmountOutcome? RefusalFor(PolicyClause clause, AchievementInput a)
    {
        var date = a.Date!.Value;
        var same = entries.Where(e => e.Clause.Id == clause.Id).ToList();
        if (clause.Limit == PaymentLimit.OncePerYear && same.FirstOrDefault(e => e.Date.Year == date.Year) is { } thisYear)
        {
            return AmountOutcome.Refuse(Reasons.AlreadyPaid, $"{thisYear.Date.Year}年度已获该项奖励（每年一次）", $"already paid for {thisYear.Date.Year} (once per year)");
        }

        var identifiers = a.Identifiers ?? [];
        if (identifiers.Count > 0 && Unpaid(clause, a).Count == 0)
        {
            var paid = same.First(e => e.Identifiers.Intersect(identifiers).Any());
            return AmountOutcome.Refuse(Reasons.AlreadyPaid, $"{string.Join("、", identifiers)} 已于 {paid.Date:yyyy-MM-dd} 获该条款奖励", $"{string.Join(", ", identifiers)} already paid under this clause ({paid.Date:yyyy-MM-dd})");
        }

        if (identifiers.Count == 0 && clause.Limit == PaymentLimit.PerIdentifier && same.FirstOrDefault(e => e.Date == date && e.Subject == a.Subject && e.Identifiers.Count == 0) is { } twin)
        {
            return AmountOutcome.Refuse(Reasons.AlreadyPaid, $"同一成果已于 {twin.Date:yyyy-MM-dd} 获该条款奖励", $"the same achievement was already paid under this clause ({twin.Date:yyyy-MM-dd})");
        }

        if (clause.Series is null)
        {
            return null;
        }

        // Once per level within a series (002 clause 十八): a re-evaluation earns nothing, nor does a lower level after a higher one.
        var rank = Levels.Rank(clause.Level);
        var series = InSeries(clause, a).ToList();
        if (series.FirstOrDefault(e => Levels.Rank(e.Level) == rank) is { } sameLevel)
        {
            return AmountOutcome.Refuse(Reasons.AlreadyPaid, $"{sameLevel.Date.Year}年已在{Levels.Name(sameLevel.Level).Zh}获奖，复评不重复奖励", $"already paid at the {Levels.Name(sameLevel.Level).En} level in {sameLevel.Date.Year}; a re-evaluation earns nothing");
        }

        if (series.FirstOrDefault(e => Levels.Rank(e.Level) > rank) is { } higher)
        {
            return AmountOutcome.Refuse(Reasons.AlreadyPaid, $"{higher.Date.Year}年已获更高层次（{Levels.Name(higher.Level).Zh}）奖励", $"a higher level ({Levels.Name(higher.Level).En}) was already paid in {higher.Date.Year}");
        }

        return null;
    }

    /// <summary>Units still payable: the count (or identifiers) minus identifiers already paid under the clause.</summary>
    public int UnpaidUnits(PolicyClause clause, AchievementInput a)
    {
        var identifiers = a.Identifiers ?? [];
        var count = a.Count ?? (identifiers.Count > 0 ? identifiers.Count : 1);
        return Math.Max(0, count - (identifiers.Count - Unpaid(clause, a).Count));
    }

    /// <summary>Total already paid at lower levels of the clause's series for the same subject.</summary>
    public decimal PaidInSeries(PolicyClause clause, AchievementInput a) =>
        InSeries(clause, a).Where(e => Levels.Rank(e.Level) < Levels.Rank(clause.Level)).Sum(e => e.Amount);

    private IEnumerable<Entry> InSeries(PolicyClause clause, AchievementInput a) =>
        entries.Where(e => e.Clause.DocumentId == clause.DocumentId && e.Clause.Series == clause.Series && e.Subject == a.Subject);

    private List<string> Unpaid(PolicyClause clause, AchievementInput a)
    {
        var paid = entries.Where(e => e.Clause.Id == clause.Id).SelectMany(e => e.Identifiers).ToHashSet(StringComparer.Ordinal);
        return (a.Identifiers ?? []).Where(i => !paid.Contains(i)).ToList();
    }

    private sealed record Entry(PolicyClause Clause, string Level, string? Subject, decimal Amount, DateOnly Date, IReadOnlyList<string> Identifiers);
}
