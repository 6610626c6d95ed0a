using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.InMemory;

/// <summary>Captures sent mail in process memory, once per idempotency key, in send order.</summary>
public sealed class InMemoryMailSender : IMailSender
{
    private readonly Lock gate = new();
    private readonly List<OutgoingMail> sent = [];
    private readonly HashSet<string> keys = new(StringComparer.Ordinal);

    /// <summary>Messages sent, oldest first.</summary>
    public IReadOnlyList<OutgoingMail> Sent
    {
        get
        {
            lock (gate)
            {
                return sent.ToList();
            }
        }
    }

    /// <summary>Messages sent to one address (case-insensitive), oldest first.</summary>
    public IReadOnlyList<OutgoingMail> To(string email) =>
        Sent.Where(m => string.Equals(m.To, email, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <inheritdoc />
    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        lock (gate)
        {
            if (keys.Add(mail.IdempotencyKey))
            {
                sent.Add(mail);
            }
        }

        return Task.CompletedTask;
    }
}
