using BrandFlow.Awards.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.SignIn;

/// <summary>Uses a sign-in link (once): returns the account to issue the session for.</summary>
public sealed class CompleteSignInHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public CompleteSignInHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Validates and consumes the link, audited; the account it signs in.</summary>
    public async Task<UserAccount> HandleAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw AwardsContext.LinkRefusal(LinkFailure.Tampered);
        }

        var (claims, failure) = this.context.Links.Validate(token.Trim(), AwardsServiceOptions.SignInPurpose);
        if (claims is null || failure is not null)
        {
            throw AwardsContext.LinkRefusal(failure ?? LinkFailure.Tampered);
        }

        var user = await this.context.Ports.Directory.GetUserAsync(claims.Recipient, cancellationToken)
            ?? throw new AwardsException("link-invalid", 400, "该账号已不存在", "The account no longer exists");
        if (!await this.context.Ports.Tokens.TryConsumeAsync("signin:" + claims.TokenId, user.Email, this.context.Now, cancellationToken))
        {
            throw new AwardsException("link-used", 409, "此登录链接已使用过，请重新获取", "This sign-in link has been used; request a new one");
        }

        await this.context.AuditAsync(user.Email, "signin.completed", user, null, cancellationToken);
        return user;
    }
}
