using System.Collections.Concurrent;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Hosting.Awards;

/// <summary>
/// Stand-in when no mail sender is registered: every send fails (so workflow activities retry and the failure is
/// recorded for administrators) and failures are kept in memory. The app still serves everything else.
/// </summary>
public sealed class UnconfiguredMail : IMailSender, IMailFailureLog
{
    private readonly ConcurrentDictionary<string, MailFailure> failures = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("未配置邮件发送（BrandFlow:Mail） / mail sending is not configured (BrandFlow:Mail)");

    /// <inheritdoc/>
    public Task RecordAsync(MailFailure failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failure);
        this.failures[failure.IdempotencyKey] = failure;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<MailFailure>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<MailFailure>>(this.failures.Values.OrderByDescending(f => f.LastAttemptAt).ToList());
}
