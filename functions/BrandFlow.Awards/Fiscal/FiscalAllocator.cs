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
public sealed record AllocationResult(AllocationRuleKind Rule, IReadOnlyList<Allocation> Allocations, IReadOnlyList<TreasuryAllocation> Treasuries);

/// <summary>
/// Fiscal approval rules: within budget everyone gets what review approved; over budget the administrator's rule
/// applies per treasury. Pro-rata rounds each award down to the fen and never exceeds the budget; priority grants
/// whole awards in order and waitlists the rest. Pure and deterministic: the simulation shown is what is approved.
/// </summary>
public static class FiscalAllocator
{
    /// <summary>Allocates the candidates against the budgets; a treasury without a budget entry has budget 0.</summary>
    public static AllocationResult Allocate(IReadOnlyDictionary<string, decimal> budgets, IReadOnlyList<AllocationCandidate> candidates, AllocationRuleKind rule) =>
        throw new NotImplementedException();
}
