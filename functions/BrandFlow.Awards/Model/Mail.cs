namespace BrandFlow.Awards.Model;

/// <summary>A message to send. <see cref="IdempotencyKey"/> is per workflow step, so a retried step mails once.</summary>
public sealed record OutgoingMail(
    string IdempotencyKey,
    string To,
    string Subject,
    string HtmlBody,
    string TextBody,
    string Category);

/// <summary>A message as stored by the local SendGrid-compatible endpoint (development mailbox).</summary>
/// <remarks><see cref="CustomArgs"/> are SendGrid's custom_args; BrandFlow's sender puts the idempotency key there ("idempotency_key").</remarks>
public sealed record StoredMail(
    string MessageId,
    string To,
    string From,
    string Subject,
    string HtmlBody,
    string TextBody,
    IReadOnlyList<string> Categories,
    DateTimeOffset ReceivedAt,
    IReadOnlyDictionary<string, string>? CustomArgs = null);

/// <summary>A send that kept failing after retries, shown to administrators.</summary>
public sealed record MailFailure(string IdempotencyKey, string To, string Subject, string Error, int Attempts, DateTimeOffset LastAttemptAt);
