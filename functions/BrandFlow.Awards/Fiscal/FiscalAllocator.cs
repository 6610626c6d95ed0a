using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Fiscal;

/// <summary>An award asking for money in a fiscal batch.</summary>
/// <param name="AwardId">Award id.</param>
/// <param name="TreasuryId">Treasury that pays it.</param>
/// <param name="Requested">Amount approved by review (the calculator's amount).</param>
/// <param name="Priority">Sort key for the priority rule: lower first (e.g. clause priority, then submission time).</param>
public sealed record AllocationCandidate(string AwardId, string TreasuryId, decimal Requested, long Priority);

/// <summary>What one award gets: granted amount (0 when waitlisted), and whether it waits.</summary>
public sealed record Allocation(string AwardId, string TreasuryId, decimal Requested, decimal Granted, bool Waitlisted, int? WaitlistPosition);

/// <summary>Demand, budget and result of one treasury.</summary>
public sealed record TreasuryAllocation(string TreasuryId, decimal Budget, decimal Demand, decimal Granted, decimal Left, bool Oversubscribed, decimal? ProRataFactor);

/// <summary>The simulated (or approved) result of a batch.</summary>
public sealed record AllocationResult(AllocationRuleKind Rule, IReadOnlyList<Allocation> Allocations, IReadOnlyList<TreasuryAllocation> Treasuries)
{
    /// <summary>The allocation of an award, or null when it was not in the batch.</summary>
    public Allocation? For(string awardId) => Allocations.FirstOrDefault(a => string.Equals(a.AwardId, awardId, StringComparison.Ordinal));

    /// <summary>True when any treasury's demand exceeded its budget (so the rule mattered).</summary>
    public bool AnyOversubscribed => Treasuries.Any(t => t.Oversubscribed);
}

/// <summary>
/// Fiscal approval rules: within budget everyone gets what review approved; over budget the administrator's rule
/// applies per treasury. Pro-rata rounds each award down to the fen and never exceeds the budget; priority grants
/// whole awards in order and waitlists the rest. Pure and deterministic: the simulation shown is what is approved.
/// </summary>
/// <remarks>
/// <para>Each treasury is judged on its own; a treasury within budget is never affected by the rule.</para>
/// <para>Pro-rata (按比例): factor = budget / demand; each award gets Requested × factor rounded down to 0.01 CNY.
/// The fen left by rounding stay in the budget (reported as Left) rather than being handed to someone by a
/// tie-break: every award gets the same published fraction.</para>
/// <para>Priority (按优先顺序): awards in order of Priority, then AwardId (ordinal), are granted in full while they
/// fit in what is left. The order is strict: at the first award that does not fit, it and every award after it are
/// waitlisted (positions 1..n in the same order), even if a later, smaller award would still fit. That is what a
/// published priority list means: nobody lower on the list is paid before someone higher on it. The unspent rest
/// of the budget is reported as Left and is what a waitlisted award can be paid from if money is freed.</para>
/// <para>The output does not depend on the input order: allocations are sorted by treasury, Priority, AwardId.</para>
/// </remarks>
public static class FiscalAllocator
{
    /// <summary>Largest budget or request accepted (one trillion CNY), so exact decimal arithmetic cannot overflow.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>Allocates the candidates against the budgets; a treasury without a budget entry has budget 0.</summary>
    public static AllocationResult Allocate(IReadOnlyDictionary<string, decimal> budgets, IReadOnlyList<AllocationCandidate> candidates, AllocationRuleKind rule)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(candidates);
        Validate(budgets, candidates, rule);

        var ordered = candidates
            .OrderBy(c => c.TreasuryId, StringComparer.Ordinal)
            .ThenBy(c => c.Priority)
            .ThenBy(c => c.AwardId, StringComparer.Ordinal)
            .ToList();
        var treasuryIds = budgets.Keys.Concat(ordered.Select(c => c.TreasuryId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

        var allocations = new List<Allocation>(ordered.Count);
        var lines = new List<TreasuryAllocation>();
        foreach (string treasuryId in treasuryIds)
        {
            decimal budget = budgets.TryGetValue(treasuryId, out decimal b) ? b : 0m;
            var group = ordered.Where(c => string.Equals(c.TreasuryId, treasuryId, StringComparison.Ordinal)).ToList();
            decimal demand = group.Sum(c => c.Requested);
            bool oversubscribed = demand > budget;
            decimal? factor = null;

            if (!oversubscribed)
            {
                allocations.AddRange(group.Select(c => new Allocation(c.AwardId, c.TreasuryId, c.Requested, c.Requested, false, null)));
            }
            else if (rule == AllocationRuleKind.ProRata)
            {
                factor = budget / demand;
                allocations.AddRange(group.Select(c => new Allocation(c.AwardId, c.TreasuryId, c.Requested, ProRataShare(c.Requested, budget, demand), false, null)));
            }
            else
            {
                allocations.AddRange(ByPriority(group, budget));
            }

            decimal granted = allocations.Where(a => string.Equals(a.TreasuryId, treasuryId, StringComparison.Ordinal)).Sum(a => a.Granted);
            lines.Add(new TreasuryAllocation(treasuryId, budget, demand, granted, budget - granted, oversubscribed, factor));
        }

        return new AllocationResult(rule, allocations, lines);
    }

    /// <summary>Rounds an amount down (towards zero) to the fen, 0.01 CNY.</summary>
    public static decimal FloorToFen(decimal amount) => decimal.Round(amount, 2, MidpointRounding.ToZero);

    // Requested × budget / demand, floored to the fen. Multiplying first keeps exact quotients exact (150 × 100 / 300
    // is 50.00, where 150 × 0.333… would floor to 49.99); the final check guards against the division rounding up
    // across a fen boundary, so a share never exceeds its exact value.
    private static decimal ProRataShare(decimal requested, decimal budget, decimal demand)
    {
        decimal share = FloorToFen(requested * budget / demand);
        while (share > 0 && share * demand > requested * budget)
        {
            share -= 0.01m;
        }

        return share;
    }

    private static IEnumerable<Allocation> ByPriority(List<AllocationCandidate> inOrder, decimal budget)
    {
        decimal left = budget;
        int position = 0;
        foreach (AllocationCandidate c in inOrder)
        {
            if (position == 0 && c.Requested <= left)
            {
                left -= c.Requested;
                yield return new Allocation(c.AwardId, c.TreasuryId, c.Requested, c.Requested, false, null);
            }
            else
            {
                position++;
                yield return new Allocation(c.AwardId, c.TreasuryId, c.Requested, 0m, true, position);
            }
        }
    }

    private static void Validate(IReadOnlyDictionary<string, decimal> budgets, IReadOnlyList<AllocationCandidate> candidates, AllocationRuleKind rule)
    {
        if (!Enum.IsDefined(rule))
        {
            throw new ArgumentException($"未知的分配规则 {rule} / unknown allocation rule {rule}", nameof(rule));
        }

        foreach ((string treasuryId, decimal budget) in budgets)
        {
            if (budget < 0 || budget > MaxAmount)
            {
                throw new ArgumentException($"资金来源“{treasuryId}”的预算超出范围（应在 0 到 1,000,000,000,000 元之间） / the budget of treasury {treasuryId} is out of range (0 to 1,000,000,000,000 CNY)", nameof(budgets));
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (AllocationCandidate c in candidates)
        {
            if (c is null || string.IsNullOrEmpty(c.AwardId) || string.IsNullOrEmpty(c.TreasuryId))
            {
                throw new ArgumentException("候选奖项缺少奖项编号或资金来源 / a candidate has no award id or treasury id", nameof(candidates));
            }

            if (c.Requested < 0 || c.Requested > MaxAmount)
            {
                throw new ArgumentException($"奖项“{c.AwardId}”的申请金额超出范围 / award {c.AwardId} requests an amount out of range", nameof(candidates));
            }

            if (!seen.Add(c.AwardId))
            {
                throw new ArgumentException($"奖项“{c.AwardId}”在批次中出现了两次 / award {c.AwardId} appears twice in the batch", nameof(candidates));
            }
        }
    }
}
