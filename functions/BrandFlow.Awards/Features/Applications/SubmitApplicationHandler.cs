using System.Globalization;
using BrandFlow.Awards.Features.Claims;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using Microsoft.DurableTask;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>
/// Submits an application for the actor's firm: the cycle must be open today (CST), the claims valid for the
/// calculator and every evidence file inspected and owned by the firm; then the application orchestration starts.
/// </summary>
public sealed class SubmitApplicationHandler
{
    private readonly AwardsContext context;
    private readonly ClaimChecks claims;

    /// <summary>Creates the handler.</summary>
    public SubmitApplicationHandler(AwardsContext context)
    {
        this.context = context ?? throw new ArgumentNullException(nameof(context));
        this.claims = new ClaimChecks(context);
    }

    /// <summary>Submits the application and starts its orchestration.</summary>
    public async Task<SubmissionReceipt> HandleAsync(UserAccount? actor, ClaimsRequest request, CancellationToken cancellationToken = default)
    {
        var (who, firm) = await this.context.ApplicantFirmAsync(UseCase.SubmitApplication, actor, cancellationToken);
        ArgumentNullException.ThrowIfNull(request);
        var cycle = await this.claims.CycleForFirmAsync(UseCase.SubmitApplication, request.CycleId, firm, cancellationToken);
        var today = this.context.Today;
        if (cycle.Status != CycleStatus.Open || today < cycle.Definition.OpensOn || today > cycle.Definition.ClosesOn)
        {
            throw new AwardsException(
                "cycle-not-open", 409,
                $"申报年度“{cycle.Definition.TitleZh}”今天不受理申报（受理期 {cycle.Definition.OpensOn:yyyy-MM-dd} 至 {cycle.Definition.ClosesOn:yyyy-MM-dd}）",
                $"Cycle '{cycle.Definition.TitleEn}' does not accept applications today (window {cycle.Definition.OpensOn:yyyy-MM-dd} to {cycle.Definition.ClosesOn:yyyy-MM-dd})",
                "cycleId");
        }

        var (evidence, estimate) = await this.claims.ValidateClaimsAsync(cycle.Definition, firm, request.Claims, cancellationToken);
        var applicationId = string.Create(CultureInfo.InvariantCulture, $"{cycle.Definition.CycleId}-{Guid.NewGuid():N}")[..(cycle.Definition.CycleId.Length + 13)];
        var now = this.context.Now;
        var submission = new ApplicationSubmission(applicationId, cycle.Definition.CycleId, firm, who.Email, request.Claims, evidence, now);
        await this.context.Client.ScheduleNewOrchestrationInstanceAsync(WorkflowNames.Application, submission, new StartOrchestrationOptions(applicationId), cancellationToken);
        await this.context.AuditAsync(applicationId, "application.submitted", who, AwardsContext.Json(new { cycle.Definition.CycleId, firm.CreditCode, claims = request.Claims.Count, estimate.Total }), cancellationToken);
        return new SubmissionReceipt(applicationId, cycle.Definition.CycleId, ApplicationStatus.Submitted, now, estimate.Total);
    }
}
