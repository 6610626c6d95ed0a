using BrandFlow.Awards.Features.Claims;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>The applicant's answer to a department's request for information.</summary>
public sealed class ProvideInformationHandler
{
    private readonly AwardsContext context;
    private readonly ClaimChecks claims;

    /// <summary>Creates the handler.</summary>
    public ProvideInformationHandler(AwardsContext context)
    {
        this.context = context ?? throw new ArgumentNullException(nameof(context));
        this.claims = new ClaimChecks(context);
    }

    /// <summary>Validates the answer and its files and signals the department's review.</summary>
    public async Task HandleAsync(UserAccount? actor, string applicationId, InformationRequest request, CancellationToken cancellationToken = default)
    {
        var (who, firm) = await this.context.ApplicantFirmAsync(UseCase.ProvideInformation, actor, cancellationToken);
        ArgumentNullException.ThrowIfNull(request);
        var application = await this.context.VisibleApplicationAsync(UseCase.ProvideInformation, who, applicationId, cancellationToken);
        ApplicationSteps.RequireStatus(application, ApplicationStatus.AwaitingInformation, "补充材料", "information");
        var answer = AwardsContext.Required(request.Answer, "answer", "答复", "Answer");
        var department = request.DepartmentId
            ?? application.Decisions.LastOrDefault(d => d.Outcome == ReviewOutcome.RequestInformation)?.DepartmentId
            ?? throw AwardsErrors.Invalid("departmentId", "请指明答复哪个部门", "Say which department the answer is for");
        if (!AccessRules.Departments(application).Contains(department))
        {
            throw AwardsErrors.Invalid("departmentId", $"部门“{department}”不审核该申报", $"Department '{department}' does not review this application");
        }

        var evidence = await this.claims.InspectAllAsync(firm, [(request.EvidenceFileIds ?? [], "evidenceFileIds")], cancellationToken);
        await this.context.Client.RaiseEventAsync(WorkflowIds.Review(applicationId, department), WorkflowEvents.InformationProvided, new InformationEvent(who.Email, answer, evidence, this.context.Now), cancellationToken);
        await this.context.AuditAsync(applicationId, "application.information-provided", who, AwardsContext.Json(new { department, answer, files = evidence.Count }), cancellationToken);
    }
}
