using BrandFlow.Awards.Model;

namespace BrandFlow.Hosting.Awards;

/// <summary>Request bodies of the award API that are not model types (the CLI reads the same cycle file).</summary>
public static class AwardsEndpoints
{
    /// <summary>Body of POST /api/cycles: the cycle definition and an optional later start of its orchestration.</summary>
    public sealed record OpenCycleRequest(
        string CycleId,
        string Jurisdiction,
        int Year,
        string TitleZh,
        string TitleEn,
        IReadOnlyList<string> Documents,
        IReadOnlyList<string>? Clauses,
        DateOnly OpensOn,
        DateOnly ClosesOn,
        DateOnly AsOf,
        StepDurations? Durations,
        IReadOnlyDictionary<string, decimal> Budgets,
        DateTimeOffset? StartAt = null)
    {
        /// <summary>The cycle definition (default durations when none given).</summary>
        public CycleDefinition Definition() =>
            new(CycleId, Jurisdiction, Year, TitleZh, TitleEn, Documents, Clauses, OpensOn, ClosesOn, AsOf, Durations ?? new StepDurations(), Budgets);
    }

    /// <summary>Body of a fiscal approval.</summary>
    public sealed record FiscalApprovalRequest(AllocationRuleKind Rule);

    /// <summary>Body of a correction.</summary>
    public sealed record CorrectionRequest(IReadOnlyList<ClaimInput> Claims);
}
