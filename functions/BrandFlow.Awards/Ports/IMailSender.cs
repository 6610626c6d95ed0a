using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Ports;

/// <summary>Sends email (SendGrid in production). Idempotent per <see cref="OutgoingMail.IdempotencyKey"/>.</summary>
public interface IMailSender
{
    /// <summary>Sends unless already sent under the key; throws when the provider keeps failing (the activity retries).</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

/// <summary>Sends that failed for good, listed to administrators.</summary>
public interface IMailFailureLog
{
    /// <summary>Records (or updates) a failure.</summary>
    Task RecordAsync(MailFailure failure, CancellationToken cancellationToken = default);

    /// <summary>Failures, newest first.</summary>
    Task<IReadOnlyList<MailFailure>> ListAsync(CancellationToken cancellationToken = default);
}
