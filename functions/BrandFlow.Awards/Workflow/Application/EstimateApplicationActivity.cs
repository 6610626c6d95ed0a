using System.Text.Json;
using BrandFlow.Awards.Model;
using BrandFlow.Durable;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// The calculator's estimate of a submission under the cycle's documents, with the firm's prior awards read from the
/// ledger (so once-per-level and difference rules apply), turned into one award line per awarded clause.
/// </summary>
public sealed class EstimateApplicationActivity(AwardEnvironment env) : AwardActivity<EstimateRequest, EstimateResult>(env)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public override async Task<EstimateResult> RunAsync(TaskActivityContext context, EstimateRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var submission = input.Submission;
        var cycle = await Env.Applications.GetCycleAsync(submission.CycleId, context.CancellationToken);
        if (cycle is null)
        {
            return Failed(new StepDurations(), submission.CycleId, $"申报周期 {submission.CycleId} 不存在 / cycle {submission.CycleId} does not exist");
        }

        var definition = cycle.Definition;
        var title = $"{definition.TitleZh} / {definition.TitleEn}";
        var prior = await Env.Ledger.ListByFirmAsync(submission.Firm.CreditCode, context.CancellationToken);
        var request = new EvaluationRequest
        {
            AsOf = definition.AsOf,
            Applicant = new ApplicantInput
            {
                Name = submission.Firm.Name,
                CreditCode = submission.Firm.CreditCode,
                Kind = submission.Firm.Kind,
                Affiliation = submission.Firm.Affiliation,
                Jurisdiction = submission.Firm.Jurisdiction,
                RelocatedOn = submission.Firm.RelocatedOn,
            },
            Achievements = submission.Claims.Select(c => Copy(c)).ToList(),
            PriorAwards = prior.Select(p => new PriorAward
            {
                ClauseId = p.ClauseId, Amount = p.Amount, Date = p.AchievedOn, Level = p.Level, Subject = p.Subject, Identifiers = p.Identifiers.ToList(),
            }).ToList(),
            Documents = definition.Documents.ToList(),
        };

        EvaluationResult result;
        try
        {
            result = Env.Calculator.Evaluate(request);
        }
        catch (EvaluationInputException ex)
        {
            return Failed(definition.Durations, title, ex.Message);
        }

        var inForce = definition.Clauses is null ? null : new HashSet<string>(definition.Clauses, StringComparer.Ordinal);
        var claims = submission.Claims.ToDictionary(c => c.ClaimId, StringComparer.Ordinal);
        var lines = result.Awards
            .Where(a => inForce is null || inForce.Contains(a.ClauseId))
            .Select(a =>
            {
                var achievement = claims[a.AchievementId].Achievement;
                return new AwardLine($"{submission.ApplicationId}:{a.AchievementId}:{a.ClauseId}", a.AchievementId, a.ClauseId, a.ClauseVersion,
                    a.DepartmentId, a.TreasuryId, a.Amount, null, AwardStates.Pending, achievement.Level, achievement.Subject,
                    achievement.Identifiers ?? [], achievement.Date);
            }).ToList();
        var refusals = result.NotAwarded.Select(n => $"{n.ClauseId}: {n.Explanation.Zh} / {n.Explanation.En}").ToList();
        return new EstimateResult(lines, result.ClauseVersions, JsonSerializer.Serialize(result, Json), refusals, definition.Durations, title, null);
    }

    private static EstimateResult Failed(StepDurations durations, string title, string error) => new([], [], null, [], durations, title, error);

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

/// <summary>States of an award line (see <see cref="AwardLine.State"/>).</summary>
public static class AwardStates
{
    /// <summary>Waiting for review.</summary>
    public const string Pending = "pending";

    /// <summary>Approved by review (and, once fiscal approval set its amount, payable).</summary>
    public const string Approved = "approved";

    /// <summary>Rejected by review.</summary>
    public const string Rejected = "rejected";

    /// <summary>On the waitlist after fiscal approval under the priority rule.</summary>
    public const string Waitlisted = "waitlisted";

    /// <summary>Held by an objection during the notice.</summary>
    public const string Held = "held";

    /// <summary>Confirmed paid by the bank.</summary>
    public const string Paid = "paid";
}
