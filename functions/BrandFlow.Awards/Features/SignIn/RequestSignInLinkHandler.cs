using System.Globalization;
using BrandFlow.Awards.Access;
using BrandFlow.Awards.Calendar;
using BrandFlow.Awards.Mail;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Awards.Features.SignIn;

/// <summary>
/// Mails a sign-in link (15 minutes, one use) when an account exists for the email. Answers the same either way so
/// the form does not reveal which addresses have accounts; a failing send is recorded for administrators, not shown.
/// </summary>
public sealed class RequestSignInLinkHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public RequestSignInLinkHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Mails the link when the address has an account; audits either way.</summary>
    public async Task HandleAsync(string? email, CancellationToken cancellationToken = default)
    {
        var address = AwardsContext.NormaliseEmail(email);
        var user = await this.context.Ports.Directory.GetUserAsync(address, cancellationToken);
        if (user is null)
        {
            await this.context.AuditAsync(address, "signin.unknown-address", null, null, cancellationToken);
            return;
        }

        var options = this.context.Options;
        var now = this.context.Now;
        var tokenId = Guid.NewGuid().ToString("N");
        var expires = now + options.SignInLinkLifetime;
        var token = this.context.Links.Create(new LinkClaims(tokenId, AwardsServiceOptions.SignInPurpose, user.Email, user.Email, "sign-in", expires));
        var url = options.Link("/signin?t=" + Uri.EscapeDataString(token));
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = user.DisplayName,
            ["minutes"] = ((int)options.SignInLinkLifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture),
            ["expiresInMinutes"] = ((int)options.SignInLinkLifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture),
            ["expiresAt"] = expires.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (UTC+8)",
        };
        var mail = MailComposer.Compose(MailKind.SignIn, "signin:" + tokenId, user.Email, user.Language, values, [("登录 BrandFlow", "Sign in to BrandFlow", url)]);
        try
        {
            await this.context.Ports.Mail.SendAsync(mail, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            this.context.Logger.LogWarning(ex, "Sign-in mail to {Email} failed", user.Email);
            await this.context.Ports.MailFailures.RecordAsync(new MailFailure(mail.IdempotencyKey, mail.To, mail.Subject, ex.Message, 1, now), cancellationToken);
        }

        await this.context.AuditAsync(user.Email, "signin.link-sent", user, null, cancellationToken);
    }
}
