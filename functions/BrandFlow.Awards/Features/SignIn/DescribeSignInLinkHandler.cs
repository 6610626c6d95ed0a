using BrandFlow.Awards.Access;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.SignIn;

/// <summary>Describes a sign-in link for its confirmation page; no side effect.</summary>
public sealed class DescribeSignInLinkHandler
{
    private readonly SignedLinks links;

    /// <summary>Creates the handler over the links.</summary>
    public DescribeSignInLinkHandler(SignedLinks links) => this.links = links ?? throw new ArgumentNullException(nameof(links));

    /// <summary>Whether the link works, and for whom until when.</summary>
    public SignInLinkView Handle(string? token)
    {
        var (claims, failure) = string.IsNullOrWhiteSpace(token)
            ? (null, LinkFailure.Tampered)
            : this.links.Validate(token.Trim(), AwardsServiceOptions.SignInPurpose);
        if (claims is null || failure is not null)
        {
            var refusal = AwardsContext.LinkRefusal(failure ?? LinkFailure.Tampered);
            return new SignInLinkView(false, refusal.Code, refusal.MessageZh, refusal.MessageEn, null, null);
        }

        return new SignInLinkView(true, null, null, null, claims.Recipient, claims.ExpiresAt);
    }
}
