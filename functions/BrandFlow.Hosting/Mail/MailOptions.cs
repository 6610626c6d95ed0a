namespace BrandFlow.Hosting.Mail;

/// <summary>Configuration section "BrandFlow:Mail" (environment: BrandFlow__Mail__ApiKey, BrandFlow__Mail__From, ...).</summary>
public sealed class MailOptions
{
    /// <summary>SendGrid API key (in Azure a Key Vault reference); the local endpoint requires the same key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>SendGrid API host, e.g. the app's own address for the local endpoint; empty means SendGrid's default.</summary>
    public string? Host { get; set; }

    /// <summary>Sender address.</summary>
    public string From { get; set; } = "noreply@brandflow.local";

    /// <summary>Sender display name.</summary>
    public string FromName { get; set; } = "BrandFlow 品牌奖励申报";

    /// <summary>Serve the local SendGrid-compatible endpoint and the development mailbox.</summary>
    public bool LocalEndpoint { get; set; }

    /// <summary>Blob container of the development mailbox.</summary>
    public string MailboxContainer { get; set; } = "brandflow-mailbox";

    /// <summary>Table recording sent messages by idempotency key.</summary>
    public string SentTable { get; set; } = "BrandFlowMailSent";

    /// <summary>Table of failed sends shown to administrators.</summary>
    public string FailureTable { get; set; } = "BrandFlowMailFailures";

    /// <summary>Attempts per send for transient errors (5xx, 429, network) before the send is recorded as failed.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the second attempt; it doubles for each further attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Timeout of one request to SendGrid.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
