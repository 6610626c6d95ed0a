using BrandFlow.Awards.Fiscal;
using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Services;

/// <summary>The awards asking for money in a cycle's fiscal batch: lines approved by review, of applications awaiting fiscal approval.</summary>
public static class FiscalBatch
{
    /// <summary>
    /// Candidates in priority order: earlier submissions first, then by award id (stable), so the priority rule is
    /// "first come, first served" and the simulation shown is exactly what approval applies.
    /// </summary>
    public static IReadOnlyList<AllocationCandidate> Candidates(IEnumerable<ApplicationRecord> applications)
    {
        ArgumentNullException.ThrowIfNull(applications);
        return applications
            .Where(a => a.Status == ApplicationStatus.AwaitingFiscalApproval)
            .SelectMany(a => a.Awards.Where(l => l.State == "approved").Select(l => (a.SubmittedAt, Line: l)))
            .OrderBy(x => x.SubmittedAt).ThenBy(x => x.Line.AwardId, StringComparer.Ordinal)
            .Select(x => new AllocationCandidate(x.Line.AwardId, x.Line.TreasuryId, x.Line.EstimatedAmount, x.SubmittedAt.UtcTicks))
            .ToList();
    }
}
