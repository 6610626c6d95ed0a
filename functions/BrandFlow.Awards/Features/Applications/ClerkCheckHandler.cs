using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>The clerk's confirmation of the document check: approved, or defects sent back.</summary>
public sealed class ClerkCheckHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public ClerkCheckHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Validates the defects and signals the application orchestration.</summary>
    public async Task HandleAsync(UserAccount? actor, string applicationId, ClerkCheckRequest request, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.ClerkCheck, actor);
        ArgumentNullException.ThrowIfNull(request);
        var application = await this.context.VisibleApplicationAsync(UseCase.ClerkCheck, who, applicationId, cancellationToken);
        ApplicationSteps.RequireStatus(application, ApplicationStatus.AwaitingClerk, "形式审查", "clerk check");
        var defects = request.Defects ?? [];
        if (!request.Approved && defects.Count == 0)
        {
            throw AwardsErrors.Invalid("defects", "退回补正时须列明问题", "List the defects when sending an application back");
        }

        var errors = new List<FieldError>();
        for (var i = 0; i < defects.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(defects[i].MessageZh) && string.IsNullOrWhiteSpace(defects[i].MessageEn))
            {
                errors.Add(new FieldError($"defects[{i}]", "问题说明不能为空", "A defect needs a message"));
            }

            if (defects[i].ClaimId is { } claim && !application.Claims.Any(c => c.ClaimId == claim))
            {
                errors.Add(new FieldError($"defects[{i}].claimId", $"申报项“{claim}”不存在", $"No claim '{claim}'"));
            }
        }

        if (errors.Count > 0)
        {
            throw AwardsErrors.Invalid(errors);
        }

        var normalised = defects.Select(d => d with
        {
            Code = string.IsNullOrWhiteSpace(d.Code) ? "clerk" : d.Code,
            MessageZh = string.IsNullOrWhiteSpace(d.MessageZh) ? d.MessageEn : d.MessageZh,
            MessageEn = string.IsNullOrWhiteSpace(d.MessageEn) ? d.MessageZh : d.MessageEn,
        }).ToList();
        await this.context.Client.RaiseEventAsync(applicationId, WorkflowEvents.ClerkChecked, new ClerkCheckEvent(who.Email, request.Approved, normalised, this.context.Now), cancellationToken);
        await this.context.AuditAsync(applicationId, request.Approved ? "clerk.approved" : "clerk.returned", who, AwardsContext.Json(normalised), cancellationToken);
    }
}
