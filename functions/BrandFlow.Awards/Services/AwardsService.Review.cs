using System.Globalization;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Services;

/// <summary>Review decisions from signed email links: validated, bound to their recipient, usable once per round.</summary>
public sealed partial class AwardsService
{
    /// <summary>
    /// Decides a review round from a decision link: the token must be genuine, unexpired and for a review decision; the
    /// signed-in person must be its recipient (a forwarded link is refused) and a reviewer of the department; the round's
    /// one-time key is consumed (any link of the round works once); then the department review is signalled.
    /// </summary>
    public async Task<ReviewDecisionEvent> DecideByLinkAsync(UserAccount? actor, DecisionRequest request, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.SignedIn(actor);
        ArgumentNullException.ThrowIfNull(request);
        var (claims, link) = this.ReadDecisionLink(request.Token);
        if (!string.Equals(claims.Recipient, who.Email, StringComparison.OrdinalIgnoreCase))
        {
            await this.AuditAsync(link.ApplicationId, "review.link-forwarded", who, $"recipient {claims.Recipient}", cancellationToken);
            throw new AwardsException(
                "forwarded-link", 403,
                "此审核链接是发给另一位审核人员的，转发的链接不能使用；请使用发给您本人的链接",
                "This decision link was sent to another reviewer; a forwarded link cannot be used. Use the link sent to you");
        }

        if (!(who.Has(Role.Reviewer) || who.Has(Role.DepartmentHead)) || who.DepartmentId != link.DepartmentId)
        {
            throw AwardsErrors.Forbidden("您不是该部门的审核人员", "You are not a reviewer of this department");
        }

        var application = await this.ports.Applications.GetAsync(link.ApplicationId, cancellationToken)
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

        var now = this.Now;
        if (!await this.ports.Tokens.TryConsumeAsync(WorkflowIds.ReviewRound(link.ApplicationId, link.DepartmentId, link.Round), who.Email, now, cancellationToken))
        {
            throw new AwardsException("link-used", 409, "本轮审核已经作出决定，链接只能使用一次", "This review round has already been decided; a link works once");
        }

        var decision = new ReviewDecisionEvent(link.DepartmentId, link.Round, link.Outcome, who.Email, reason, now);
        await this.client.RaiseEventAsync(WorkflowIds.Review(link.ApplicationId, link.DepartmentId), WorkflowEvents.ReviewDecided, decision, cancellationToken);
        await this.AuditAsync(link.ApplicationId, "review." + claims.Action, who, Json(new { link.DepartmentId, link.Round, reason }), cancellationToken);
        return decision;
    }

    /// <summary>Describes a decision link for its confirmation page (what, for whom, whether it still works); no side effect.</summary>
    public async Task<DecisionLinkView> DescribeDecisionLinkAsync(UserAccount? actor, string token, CancellationToken cancellationToken = default)
    {
        LinkClaims claims;
        DecisionLink link;
        try
        {
            (claims, link) = this.ReadDecisionLink(token);
        }
        catch (AwardsException ex)
        {
            return new DecisionLinkView(false, ex.Code, ex.MessageZh, ex.MessageEn, null, null, null, null, null, null, null, null, null);
        }

        var application = await this.ports.Applications.GetAsync(link.ApplicationId, cancellationToken);
        var forMe = actor is null ? (bool?)null : string.Equals(actor.Email, claims.Recipient, StringComparison.OrdinalIgnoreCase);
        var decided = application is null
            || application.Status is not (ApplicationStatus.InReview or ApplicationStatus.AwaitingInformation or ApplicationStatus.Objected)
            || application.Decisions.Count(d => d.DepartmentId == link.DepartmentId) >= link.Round;
        var (code, zh, en) = decided
            ? ("link-used", "本轮审核已经作出决定或申报已不在审核中", "This round has been decided or the application is no longer in review")
            : forMe == false
                ? ("forwarded-link", "此链接是发给另一位审核人员的", "This link was sent to another reviewer")
                : ((string?)null, (string?)null, (string?)null);

        // Only the recipient (or someone not yet signed in, who must sign in as the recipient) sees the details.
        var details = forMe != false && application is not null;
        return new DecisionLinkView(
            code is null, code, zh, en, link.ApplicationId, link.DepartmentId, link.Round, link.Outcome, claims.Recipient, claims.ExpiresAt,
            details ? application!.Firm.Name : null,
            details ? application!.Awards.Where(a => a.DepartmentId == link.DepartmentId).ToList() : null,
            forMe);
    }

    private (LinkClaims Claims, DecisionLink Link) ReadDecisionLink(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw AwardsErrors.Invalid("token", "缺少链接令牌", "The link token is missing");
        }

        var (claims, failure) = this.links.Validate(token.Trim(), AwardsServiceOptions.ReviewDecisionPurpose);
        if (failure is not null || claims is null)
        {
            throw LinkRefusal(failure ?? LinkFailure.Tampered);
        }

        var parts = claims.Subject.Split('/');
        var outcome = claims.Action switch
        {
            "approve" => ReviewOutcome.Approve,
            "reject" => ReviewOutcome.Reject,
            "request-information" => ReviewOutcome.RequestInformation,
            _ => (ReviewOutcome?)null,
        };
        if (parts.Length != 3 || outcome is null || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var round))
        {
            throw LinkRefusal(LinkFailure.Tampered);
        }

        return (claims, new DecisionLink(parts[0], parts[1], round, outcome.Value));
    }

    private static AwardsException LinkRefusal(LinkFailure failure) => failure switch
    {
        LinkFailure.Expired => new AwardsException("link-expired", 410, "链接已过期", "The link has expired"),
        LinkFailure.WrongPurpose => new AwardsException("link-wrong-purpose", 400, "此链接不能用于该操作", "This link is not for this action"),
        _ => new AwardsException("link-invalid", 400, "链接无效或已被篡改", "The link is invalid or has been tampered with"),
    };

    private sealed record DecisionLink(string ApplicationId, string DepartmentId, int Round, ReviewOutcome Outcome);
}
