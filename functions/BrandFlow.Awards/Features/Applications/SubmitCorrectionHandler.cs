using BrandFlow.Awards.Features.Claims;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>The applicant's correction of defects, before the correction deadline.</summary>
public sealed class SubmitCorrectionHandler
{
    private readonly AwardsContext context;
    private readonly ClaimChecks claimChecks;

    /// <summary>Creates the handler.</summary>
    public SubmitCorrectionHandler(AwardsContext context)
    {
        this.context = context ?? throw new ArgumentNullException(nameof(context));
        this.claimChecks = new ClaimChecks(context);
    }

    /// <summary>Validates the corrected claims and signals the application orchestration.</summary>
    public async Task HandleAsync(UserAccount? actor, string applicationId, IReadOnlyList<ClaimInput> claims, CancellationToken cancellationToken = default)
    {
        var (who, firm) = await this.context.ApplicantFirmAsync(UseCase.SubmitCorrection, actor, cancellationToken);
        var application = await this.context.VisibleApplicationAsync(UseCase.SubmitCorrection, who, applicationId, cancellationToken);
        ApplicationSteps.RequireStatus(application, ApplicationStatus.AwaitingCorrection, "补正", "correction");
        if (application.CorrectionDeadline is { } deadline && this.context.Today > deadline)
        {
            throw AwardsErrors.WrongState($"补正期限 {deadline:yyyy-MM-dd} 已过", $"The correction deadline {deadline:yyyy-MM-dd} has passed");
        }

        var cycle = await this.context.ExistingCycleAsync(application.CycleId, cancellationToken);
        var (evidence, _) = await this.claimChecks.ValidateClaimsAsync(cycle.Definition, firm, claims, cancellationToken);
        await this.context.Client.RaiseEventAsync(applicationId, WorkflowEvents.CorrectionSubmitted, new CorrectionEvent(who.Email, claims, evidence, this.context.Now), cancellationToken);
        await this.context.AuditAsync(applicationId, "application.corrected", who, AwardsContext.Json(new { claims = claims.Count, files = evidence.Count }), cancellationToken);
    }
}
