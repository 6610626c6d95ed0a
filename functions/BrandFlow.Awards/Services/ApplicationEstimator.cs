using BrandFlow.Awards.Model;
using BrandFlow.Policy.Calculation;
using BrandFlow.Policy.Catalog;

namespace BrandFlow.Awards.Services;

/// <summary>
/// The one way an application is estimated: the calculator over the cycle's documents and as-of date, with the firm's
/// prior awards from the ledger (so once-per-level and difference rules apply), limited to the cycle's clauses. The
/// service validates submissions with it and the workflow's estimate activity records it.
/// </summary>
public sealed class ApplicationEstimator(PolicyCatalog catalog)
{
    private readonly PolicyCalculator calculator = new(catalog);

    /// <summary>Evaluates the claims of a firm in a cycle; throws <see cref="EvaluationInputException"/> on bad input.</summary>
    public EvaluationResult Evaluate(CycleDefinition cycle, Firm firm, IReadOnlyList<ClaimInput> claims, IReadOnlyList<LedgerEntry> prior)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(firm);
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(prior);
        var request = new EvaluationRequest
        {
            AsOf = cycle.AsOf,
            Applicant = new ApplicantInput
            {
                Name = firm.Name,
                CreditCode = firm.CreditCode,
                Kind = firm.Kind,
                Affiliation = firm.Affiliation,
                Jurisdiction = firm.Jurisdiction,
                RelocatedOn = firm.RelocatedOn,
            },
            Achievements = claims.Select(Copy).ToList(),
            PriorAwards = prior.Select(p => new PriorAward
            {
                ClauseId = p.ClauseId,
                Amount = p.Amount,
                Date = p.AchievedOn,
                Level = p.Level,
                Subject = p.Subject,
                Identifiers = p.Identifiers.ToList(),
            }).ToList(),
            Documents = cycle.Documents.ToList(),
        };
        var result = this.calculator.Evaluate(request);
        return cycle.Clauses is { } only
            ? result with { Awards = result.Awards.Where(a => only.Contains(a.ClauseId, StringComparer.Ordinal)).ToList() }
            : result;
    }

    // The calculator assigns ids to achievements in place; give it a copy whose id is the claim id.
    private static AchievementInput Copy(ClaimInput claim) => new()
    {
        Id = claim.ClaimId,
        Kind = claim.Achievement.Kind,
        Level = claim.Achievement.Level,
        Grade = claim.Achievement.Grade,
        Date = claim.Achievement.Date,
        Count = claim.Achievement.Count,
        Amounts = claim.Achievement.Amounts,
        Identifiers = claim.Achievement.Identifiers,
        Subject = claim.Achievement.Subject,
        Facts = claim.Achievement.Facts,
    };
}
