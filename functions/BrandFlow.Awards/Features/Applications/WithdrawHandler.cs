using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>Withdraws an application (its applicant or an administrator), with a reason, before payment.</summary>
public sealed class WithdrawHandler
{
    private static readonly ApplicationStatus[] Finished =
        [ApplicationStatus.Lapsed, ApplicationStatus.Rejected, ApplicationStatus.Paid, ApplicationStatus.Withdrawn, ApplicationStatus.PayoutIssued];

    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public WithdrawHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Withdraws the application and signals its orchestration.</summary>
    public async Task HandleAsync(UserAccount? actor, string applicationId, string? reason, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.Withdraw, actor);
        var application = await this.context.VisibleApplicationAsync(UseCase.Withdraw, who, applicationId, cancellationToken);
        if (Finished.Contains(application.Status))
        {
            throw AwardsErrors.WrongState("该申报已结束或已拨付，不能撤回", "The application has ended or been paid and cannot be withdrawn");
        }

        var why = AwardsContext.Required(reason, "reason", "撤回原因", "Reason");
        await this.context.Client.RaiseEventAsync(applicationId, WorkflowEvents.Withdrawn, new WithdrawEvent(who.Email, why, this.context.Now), cancellationToken);
        await this.context.AuditAsync(applicationId, "application.withdrawn", who, why, cancellationToken);
    }
}
