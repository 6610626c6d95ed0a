using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>Reassigns a department's review to another reviewer of that department (administrator).</summary>
public sealed class ReassignHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public ReassignHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Checks the new reviewer and signals the department's review.</summary>
    public async Task HandleAsync(UserAccount? actor, string applicationId, ReassignRequest request, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.Reassign, actor);
        ArgumentNullException.ThrowIfNull(request);
        var application = await this.context.VisibleApplicationAsync(UseCase.Reassign, who, applicationId, cancellationToken);
        if (application.Status is not (ApplicationStatus.InReview or ApplicationStatus.AwaitingInformation or ApplicationStatus.Objected))
        {
            throw AwardsErrors.WrongState("该申报不在部门审核中", "The application is not in departmental review");
        }

        if (!AccessRules.Departments(application).Contains(request.DepartmentId ?? string.Empty))
        {
            throw AwardsErrors.Invalid("departmentId", $"部门“{request.DepartmentId}”不审核该申报", $"Department '{request.DepartmentId}' does not review this application");
        }

        var email = AwardsContext.NormaliseEmail(request.NewReviewer, "newReviewer");
        var reviewer = await this.context.Ports.Directory.GetUserAsync(email, cancellationToken);
        if (reviewer is null || !reviewer.Has(Role.Reviewer) || reviewer.DepartmentId != request.DepartmentId)
        {
            throw AwardsErrors.Invalid("newReviewer", $"“{email}”不是该部门的审核人员", $"'{email}' is not a reviewer of that department");
        }

        await this.context.Client.RaiseEventAsync(WorkflowIds.Review(applicationId, request.DepartmentId!), WorkflowEvents.ReviewerReassigned, new ReassignEvent(request.DepartmentId!, email, who.Email, this.context.Now), cancellationToken);
        await this.context.AuditAsync(applicationId, "review.reassigned", who, AwardsContext.Json(new { request.DepartmentId, email }), cancellationToken);
    }
}
