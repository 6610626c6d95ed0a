using BrandFlow.Awards.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Review;

/// <summary>Describes a decision link for its confirmation page (what, for whom, whether it still works); no side effect.</summary>
public sealed class DescribeDecisionLinkHandler
{
    private readonly SignedLinks links;
    private readonly IApplicationStore applications;

    /// <summary>Creates the handler over the links and the applications.</summary>
    public DescribeDecisionLinkHandler(SignedLinks links, IApplicationStore applications)
    {
        this.links = links ?? throw new ArgumentNullException(nameof(links));
        this.applications = applications ?? throw new ArgumentNullException(nameof(applications));
    }

    /// <summary>The link's description; the details only for its recipient (or someone not yet signed in).</summary>
    public async Task<DecisionLinkView> HandleAsync(UserAccount? actor, string token, CancellationToken cancellationToken = default)
    {
        LinkClaims claims;
        DecisionLink link;
        try
        {
            (claims, link) = DecisionLinks.Read(this.links, token);
        }
        catch (AwardsException ex)
        {
            return new DecisionLinkView(false, ex.Code, ex.MessageZh, ex.MessageEn, null, null, null, null, null, null, null, null, null);
        }

        var application = await this.applications.GetAsync(link.ApplicationId, cancellationToken);
        var forMe = AccessPolicy.IsRecipient(UseCase.DescribeDecisionLink, actor, claims.Recipient);
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
}
