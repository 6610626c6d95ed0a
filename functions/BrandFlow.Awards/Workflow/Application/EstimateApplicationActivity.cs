using System.Text.Json;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using BrandFlow.Awards.Services;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// The calculator's estimate of a submission under the cycle's documents, with the firm's prior awards read from the
/// ledger (so once-per-level and difference rules apply), turned into one award line per awarded clause.
/// </summary>
public sealed class EstimateApplicationActivity(IApplicationStore applications, IAwardLedger ledger, ApplicationEstimator estimator, ILogger<EstimateApplicationActivity> logger) : TaskActivity<EstimateRequest, EstimateResult>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public override async Task<EstimateResult> RunAsync(TaskActivityContext context, EstimateRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var submission = input.Submission;
        var cycle = await applications.GetCycleAsync(submission.CycleId, CancellationToken.None);
        if (cycle is null)
        {
            return Failed(new StepDurations(), submission.CycleId, $"申报周期 {submission.CycleId} 不存在 / cycle {submission.CycleId} does not exist");
        }

        var definition = cycle.Definition;
        var title = $"{definition.TitleZh} / {definition.TitleEn}";
        var prior = await ledger.ListByFirmAsync(submission.Firm.CreditCode, CancellationToken.None);
        EvaluationResult result;
        try
        {
            result = estimator.Evaluate(definition, submission.Firm, submission.Claims, prior);
        }
        catch (EvaluationInputException ex)
        {
            WorkflowLog.EstimateFailed(logger, submission.ApplicationId, ex.Message);
            return Failed(definition.Durations, title, ex.Message);
        }

        var claims = submission.Claims.ToDictionary(c => c.ClaimId, StringComparer.Ordinal);
        var lines = result.Awards
            .Select(a =>
            {
                var achievement = claims[a.AchievementId].Achievement;
                return new AwardLine($"{submission.ApplicationId}:{a.AchievementId}:{a.ClauseId}", a.AchievementId, a.ClauseId, a.ClauseVersion,
                    a.DepartmentId, a.TreasuryId, a.Amount, null, AwardStates.Pending, achievement.Level, achievement.Subject,
                    achievement.Identifiers ?? [], achievement.Date);
            }).ToList();
        WorkflowLog.Estimated(logger, submission.ApplicationId, lines.Count, result.NotAwarded.Count);
        var refusals = result.NotAwarded.Select(n => $"{n.ClauseId}: {n.Explanation.Zh} / {n.Explanation.En}").ToList();
        return new EstimateResult(lines, result.ClauseVersions, JsonSerializer.Serialize(result, Json), refusals, definition.Durations, title, null);
    }

    private static EstimateResult Failed(StepDurations durations, string title, string error) => new([], [], null, [], durations, title, error);

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
