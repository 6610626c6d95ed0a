using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Features.Review;

/// <summary>
/// Decides a review round from a decision link: the token must be genuine, unexpired and for a review decision; the
/// signed-in person must be its recipient (a forwarded link is refused) and a reviewer of the department; the round's
/// one-time key is consumed (any link of the round works once); then the department review is signalled.
/// </summary>
public sealed class DecideByLinkHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public DecideByLinkHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Records the decision and signals the department's review.</summary>
    public async Task<ReviewDecisionEvent> HandleAsync(UserAccount? actor, DecisionRequest request, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.DecideByLink, actor);
        ArgumentNullException.ThrowIfNull(request);
        var (claims, link) = DecisionLinks.Read(this.context.Links, request.Token);
        if (AccessPolicy.IsRecipient(UseCase.DecideByLink, who, claims.Recipient) != true)
        {
            await this.context.AuditAsync(link.ApplicationId, "review.link-forwarded", who, $"recipient {claims.Recipient}", cancellationToken);
            throw AccessPolicy.ForwardedLink();
        }

        AccessPolicy.AuthorizeDepartment(UseCase.DecideByLink, who, link.DepartmentId);

        var application = await this.context.Ports.Applications.GetAsync(link.ApplicationId, cancellationToken)
            ?? throw AwardsErrors.NotFound("申报", "application", link.ApplicationId);
        if (application.Status is not (ApplicationStatus.InReview or ApplicationStatus.AwaitingInformation or ApplicationStatus.Objected))
        {
            throw new AwardsException("link-used", 409, "该申报已不在审核中，链接已失效", "The application is no longer in review; the link no longer works");
        }

        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (link.Outcome != ReviewOutcome.Approve && reason is null)
        {
            throw AwardsErrors.Invalid("reason", "不同意或要求补充材料时须说明理由", "A reason is required to reject or to ask for more information");
        }

        var now = this.context.Now;
        if (!await this.context.Ports.Tokens.TryConsumeAsync(WorkflowIds.ReviewRound(link.ApplicationId, link.DepartmentId, link.Round), who.Email, now, cancellationToken))
        {
            throw new AwardsException("link-used", 409, "本轮审核已经作出决定，链接只能使用一次", "This review round has already been decided; a link works once");
        }

        var decision = new ReviewDecisionEvent(link.DepartmentId, link.Round, link.Outcome, who.Email, reason, now);
        await this.context.Client.RaiseEventAsync(WorkflowIds.Review(link.ApplicationId, link.DepartmentId), WorkflowEvents.ReviewDecided, decision, cancellationToken);
        await this.context.AuditAsync(link.ApplicationId, "review." + claims.Action, who, AwardsContext.Json(new { link.DepartmentId, link.Round, reason }), cancellationToken);
        return decision;
    }
}
