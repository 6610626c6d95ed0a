using BrandFlow.Awards.Access;
using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Services;

/// <summary>Sign-in by emailed one-time link, for applicants and staff alike.</summary>
public sealed partial class AwardsService
{
    /// <summary>
    /// Mails a sign-in link (15 minutes, one use) when an account exists for the email. Answers the same either way so
    /// the form does not reveal which addresses have accounts; a failing send is recorded for administrators, not shown.
    /// </summary>
    public async Task RequestSignInLinkAsync(string? email, CancellationToken cancellationToken = default)
    {
        var address = NormaliseEmail(email);
        var user = await this.ports.Directory.GetUserAsync(address, cancellationToken);
        if (user is null)
        {
            await this.AuditAsync(address, "signin.unknown-address", null, null, cancellationToken);
            return;
        }

        var now = this.Now;
        var tokenId = Guid.NewGuid().ToString("N");
        var expires = now + this.options.SignInLinkLifetime;
        var token = this.links.Create(new LinkClaims(tokenId, AwardsServiceOptions.SignInPurpose, user.Email, user.Email, "sign-in", expires));
        var url = this.options.Link("/signin?t=" + Uri.EscapeDataString(token));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = user.DisplayName,
            ["minutes"] = ((int)this.options.SignInLinkLifetime.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["expiresInMinutes"] = ((int)this.options.SignInLinkLifetime.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["expiresAt"] = expires.ToOffset(Calendar.ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " (UTC+8)",
        };
        var mail = MailComposer.Compose(MailKind.SignIn, "signin:" + tokenId, user.Email, user.Language, values, [("登录 BrandFlow", "Sign in to BrandFlow", url)]);
        try
        {
            await this.ports.Mail.SendAsync(mail, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            this.logger.LogWarning(ex, "Sign-in mail to {Email} failed", user.Email);
            await this.ports.MailFailures.RecordAsync(new MailFailure(mail.IdempotencyKey, mail.To, mail.Subject, ex.Message, 1, now), cancellationToken);
        }

        await this.AuditAsync(user.Email, "signin.link-sent", user, null, cancellationToken);
    }

    /// <summary>Describes a sign-in link for its confirmation page; no side effect.</summary>
    public SignInLinkView DescribeSignInLink(string? token)
    {
        var (claims, failure) = string.IsNullOrWhiteSpace(token)
            ? (null, LinkFailure.Tampered)
            : this.links.Validate(token.Trim(), AwardsServiceOptions.SignInPurpose);
        if (claims is null || failure is not null)
        {
            var refusal = LinkRefusal(failure ?? LinkFailure.Tampered);
            return new SignInLinkView(false, refusal.Code, refusal.MessageZh, refusal.MessageEn, null, null);
        }

        return new SignInLinkView(true, null, null, null, claims.Recipient, claims.ExpiresAt);
    }

    /// <summary>Uses a sign-in link (once): returns the account to issue the session for.</summary>
    public async Task<UserAccount> CompleteSignInAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw LinkRefusal(LinkFailure.Tampered);
        }

        var (claims, failure) = this.links.Validate(token.Trim(), AwardsServiceOptions.SignInPurpose);
        if (claims is null || failure is not null)
        {
            throw LinkRefusal(failure ?? LinkFailure.Tampered);
        }

        var user = await this.ports.Directory.GetUserAsync(claims.Recipient, cancellationToken)
            ?? throw new AwardsException("link-invalid", 400, "该账号已不存在", "The account no longer exists");
        if (!await this.ports.Tokens.TryConsumeAsync("signin:" + claims.TokenId, user.Email, this.Now, cancellationToken))
        {
            throw new AwardsException("link-used", 409, "此登录链接已使用过，请重新获取", "This sign-in link has been used; request a new one");
        }

        await this.AuditAsync(user.Email, "signin.completed", user, null, cancellationToken);
        return user;
    }

    /// <summary>The account of a signed-in email (read fresh on every request, so role changes apply at once).</summary>
    public Task<UserAccount?> FindAccountAsync(string email, CancellationToken cancellationToken = default) =>
        this.ports.Directory.GetUserAsync(email.Trim().ToLowerInvariant(), cancellationToken);
}
