using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>An objection (异议) during the public notice: anyone signed in, with a reason.</summary>
public sealed class FileObjectionHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public FileObjectionHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Files the objection and signals the application orchestration.</summary>
    public async Task HandleAsync(UserAccount? actor, string applicationId, ObjectionRequest request, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.FileObjection, actor);
        ArgumentNullException.ThrowIfNull(request);
        var application = AccessPolicy.AuthorizeApplication(
            UseCase.FileObjection, who, await this.context.Ports.Applications.GetAsync(applicationId, cancellationToken), applicationId);

        ApplicationSteps.RequireStatus(application, ApplicationStatus.InPublicNotice, "公示", "public notice");
        var cycle = await this.context.Ports.Applications.GetCycleAsync(application.CycleId, cancellationToken);
        if (cycle?.NoticeEndsOn is { } ends && this.context.Today > ends)
        {
            throw AwardsErrors.WrongState($"公示期已于 {ends:yyyy-MM-dd} 结束", $"The public notice ended on {ends:yyyy-MM-dd}");
        }

        var reason = AwardsContext.Required(request.Reason, "reason", "异议理由", "Reason");
        if (request.AwardId is { } award && !application.Awards.Any(a => a.AwardId == award))
        {
            throw AwardsErrors.Invalid("awardId", $"奖项“{award}”不属于该申报", $"Award '{award}' is not part of this application");
        }

        await this.context.Client.RaiseEventAsync(applicationId, WorkflowEvents.ObjectionFiled, new ObjectionEvent(request.AwardId, who.Email, reason, this.context.Now), cancellationToken);
        await this.context.AuditAsync(applicationId, "notice.objection", who, AwardsContext.Json(new { request.AwardId, reason }), cancellationToken);
    }
}
