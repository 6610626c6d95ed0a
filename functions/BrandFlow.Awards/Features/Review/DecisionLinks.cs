using System.Globalization;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Review;

/// <summary>Reads a review decision link: genuine, unexpired, for a review decision, naming an application, department and round.</summary>
internal static class DecisionLinks
{
    /// <summary>The link's claims and what it decides, or the refusal of a missing, invalid or expired link.</summary>
    public static (LinkClaims Claims, DecisionLink Link) Read(SignedLinks links, string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw AwardsErrors.Invalid("token", "缺少链接令牌", "The link token is missing");
        }

        var (claims, failure) = links.Validate(token.Trim(), AwardsServiceOptions.ReviewDecisionPurpose);
        if (failure is not null || claims is null)
        {
            throw AwardsContext.LinkRefusal(failure ?? LinkFailure.Tampered);
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
            throw AwardsContext.LinkRefusal(LinkFailure.Tampered);
        }

        return (claims, new DecisionLink(parts[0], parts[1], round, outcome.Value));
    }
}
