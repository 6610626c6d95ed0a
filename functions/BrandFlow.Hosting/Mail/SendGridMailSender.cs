using System.Net;
using System.Text.Json;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using SendGrid;
using SendGrid.Helpers.Errors.Model;
using SendGrid.Helpers.Mail;

namespace BrandFlow.Hosting.Mail;

/// <summary>
/// Sends through the real SendGrid client (pointed at the in-app endpoint locally). Once per idempotency key: a key in the
/// sent-log is skipped, and a key is logged only after SendGrid accepted the message (202). Transient errors (5xx, 429,
/// network) are retried a few times; a send that still fails, or is refused (other 4xx), is recorded for administrators and
/// thrown so the calling activity retries later. A later success marks the recorded failure resolved.
/// </summary>
/// <remarks>
/// A crash between SendGrid's 202 and the sent-log write can mail twice when the activity is retried: at-least-once is the
/// most an HTTP API without idempotency support allows. The key travels as custom_arg "idempotency_key" so duplicates can be traced.
/// </remarks>
public sealed partial class SendGridMailSender : IMailSender, IDisposable
{
    /// <summary>The custom_args name carrying the idempotency key.</summary>
    public const string IdempotencyArg = "idempotency_key";

    private readonly MailOptions options;
    private readonly MailSentLog sentLog;
    private readonly TableMailFailureLog failures;
    private readonly TimeProvider clock;
    private readonly ILogger<SendGridMailSender> logger;
    private readonly HttpClient http;
    private readonly Lazy<SendGridClient> client;

    /// <summary>Creates the sender; the SendGrid client is built on first send, so a missing API key fails the send, not start-up.</summary>
    public SendGridMailSender(MailOptions options, MailSentLog sentLog, TableMailFailureLog failures, TimeProvider clock, ILogger<SendGridMailSender> logger)
    {
        this.options = options;
        this.sentLog = sentLog;
        this.failures = failures;
        this.clock = clock;
        this.logger = logger;
        http = new HttpClient { Timeout = options.RequestTimeout };
        client = new Lazy<SendGridClient>(CreateClient);
    }

    /// <inheritdoc/>
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentException.ThrowIfNullOrWhiteSpace(mail.IdempotencyKey);
        if (await sentLog.IsSentAsync(mail.IdempotencyKey, cancellationToken).ConfigureAwait(false))
        {
            LogAlreadySent(mail.IdempotencyKey);
            return;
        }

        var attempts = 0;
        Outcome outcome;
        while (true)
        {
            attempts++;
            outcome = await AttemptAsync(mail, cancellationToken).ConfigureAwait(false);
            if (outcome.Accepted)
            {
                await sentLog.MarkSentAsync(mail.IdempotencyKey, mail.To, mail.Subject, outcome.MessageId, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                await failures.ResolveAsync(mail.IdempotencyKey, cancellationToken).ConfigureAwait(false);
                LogSent(mail.IdempotencyKey, outcome.MessageId, attempts);
                return;
            }

            if (!outcome.Transient || attempts >= Math.Max(1, options.MaxAttempts))
            {
                break;
            }

            var delay = options.RetryDelay * Math.Pow(2, attempts - 1);
            LogRetrying(mail.IdempotencyKey, attempts, outcome.Error, delay);
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        }

        var earlier = await failures.GetAsync(mail.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        var total = (earlier?.Attempts ?? 0) + attempts;
        await failures.RecordAsync(new MailFailure(mail.IdempotencyKey, mail.To, mail.Subject, outcome.Error, total, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        LogFailed(mail.IdempotencyKey, attempts, outcome.Error);
        throw new MailSendException(
            $"邮件发送失败（{attempts} 次尝试，{(outcome.Transient ? "临时错误" : "被拒绝")}）/ Mail could not be sent ({attempts} attempts, {(outcome.Transient ? "transient error" : "refused")}): {outcome.Error}",
            outcome.StatusCode,
            outcome.Transient,
            outcome.Exception);
    }

    /// <inheritdoc/>
    public void Dispose() => http.Dispose();

    private async Task<Outcome> AttemptAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.Value.SendEmailAsync(BuildMessage(mail), cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var messageId = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
                return new Outcome(true, false, (int)response.StatusCode, messageId, string.Empty, null);
            }

            var status = (int)response.StatusCode;
            return new Outcome(false, IsTransient(status), status, null, $"HTTP {status}", null);
        }
        catch (Exception e) when (e is RequestErrorException or SendGridInternalException)
        {
            var (status, description) = ReadError(e);
            return new Outcome(false, status is null || IsTransient(status.Value), status, null, description, e);
        }
        catch (HttpRequestException e)
        {
            return new Outcome(false, true, (int?)e.StatusCode, null, $"网络错误 / network error: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new Outcome(false, true, null, null, $"请求超时 / request timed out after {options.RequestTimeout}", e);
        }
        catch (InvalidOperationException e)
        {
            return new Outcome(false, false, null, null, e.Message, e);
        }
    }

    private SendGridMessage BuildMessage(OutgoingMail mail)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(options.From, options.FromName),
            Subject = mail.Subject,
            PlainTextContent = mail.TextBody,
            HtmlContent = mail.HtmlBody,
        };
        message.AddTo(new EmailAddress(mail.To));
        if (!string.IsNullOrWhiteSpace(mail.Category))
        {
            message.AddCategory(mail.Category);
        }

        message.AddCustomArg(IdempotencyArg, mail.IdempotencyKey);
        return message;
    }

    private SendGridClient CreateClient()
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new InvalidOperationException("未配置 SendGrid API 密钥 / BrandFlow:Mail:ApiKey (BrandFlow__Mail__ApiKey) is not set");
        }

        var clientOptions = new SendGridClientOptions { ApiKey = options.ApiKey, HttpErrorAsException = true };
        if (!string.IsNullOrWhiteSpace(options.Host))
        {
            clientOptions.Host = options.Host.TrimEnd('/');
        }

        return new SendGridClient(http, clientOptions);
    }

    private static bool IsTransient(int status) => status is 429 or >= 500;

    /// <summary>The status and message of a SendGrid error: the client puts them in the exception's message as JSON.</summary>
    private static (int? Status, string Description) ReadError(Exception e)
    {
        try
        {
            var error = JsonDocument.Parse(e.Message).RootElement;
            int? status = error.TryGetProperty("ErrorHttpStatusCode", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : null;
            var reason = error.TryGetProperty("ErrorReasonPhrase", out var phrase) ? phrase.GetString() : null;
            var message = error.TryGetProperty("SendGridErrorMessage", out var text) ? text.GetString() : null;
            var field = error.TryGetProperty("FieldWithError", out var f) ? f.GetString() : null;
            var description = $"SendGrid {status} {reason}: {message}{(field is null ? string.Empty : $" ({field})")}";
            return (status, description);
        }
        catch (JsonException)
        {
            return (null, $"SendGrid: {e.Message}");
        }
    }

    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Mail {IdempotencyKey} was already sent; skipped")]
    private partial void LogAlreadySent(string idempotencyKey);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Mail {IdempotencyKey} accepted as {MessageId} after {Attempts} attempts")]
    private partial void LogSent(string idempotencyKey, string? messageId, int attempts);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Mail {IdempotencyKey} attempt {Attempt} failed ({Error}); retrying in {Delay}")]
    private partial void LogRetrying(string idempotencyKey, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Error, Message = "Mail {IdempotencyKey} failed after {Attempts} attempts: {Error}")]
    private partial void LogFailed(string idempotencyKey, int attempts, string error);

    private sealed record Outcome(bool Accepted, bool Transient, int? StatusCode, string? MessageId, string Error, Exception? Exception);
}

/// <summary>A send that failed (recorded in the failure log); the calling activity may retry it later.</summary>
public sealed class MailSendException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MailSendException(string message, int? statusCode, bool transient, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Transient = transient;
    }

    /// <summary>Creates the exception.</summary>
    public MailSendException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public MailSendException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public MailSendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>HTTP status SendGrid answered with, when there was an answer.</summary>
    public int? StatusCode { get; }

    /// <summary>True for errors worth retrying later (5xx, 429, network); false for a refusal (other 4xx, configuration).</summary>
    public bool Transient { get; }
}
