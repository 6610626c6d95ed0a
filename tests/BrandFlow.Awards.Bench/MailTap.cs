using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BrandFlow.Awards.Bench;

/// <summary>One mail as the app posted it to its local SendGrid endpoint, with the signed link tokens it carries.</summary>
internal sealed record TappedMail(string To, string IdempotencyKey, IReadOnlyList<LinkToken> Links, long ArrivedTimestamp);

/// <summary>A signed link token and the claims its payload states (read, not verified: the app verifies).</summary>
internal sealed record LinkToken(string Token, string Purpose, string Subject, string Recipient, string Action);

/// <summary>
/// Reads every message the app posts to its local SendGrid-compatible endpoint (the request body is buffered, read and
/// handed on unchanged, so the endpoint still stores it in Blob Storage) and lets the driver await a mail by the
/// subject it concerns, without listing the mailbox container. Mails are grouped by application (or cycle) id, taken
/// from the idempotency key the sender puts in SendGrid's custom_args.
/// </summary>
internal sealed partial class MailTap
{
    private readonly ConcurrentDictionary<string, Subject> subjects = new(StringComparer.Ordinal);
    private long count;

    /// <summary>Mails seen so far.</summary>
    public long Count => Interlocked.Read(ref this.count);

    /// <summary>Reads one SendGrid v3 request body.</summary>
    public void Read(ReadOnlySpan<byte> json)
    {
        var arrived = Stopwatch.GetTimestamp();
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var bodies = new StringBuilder();
        if (root.TryGetProperty("content", out var content))
        {
            foreach (var part in content.EnumerateArray())
            {
                bodies.Append(part.GetProperty("value").GetString()).Append('\n');
            }
        }

        var links = LinkPattern().Matches(bodies.ToString()).Select(m => Decode(Uri.UnescapeDataString(m.Groups[1].Value)))
            .OfType<LinkToken>().DistinctBy(l => l.Token).ToList();
        foreach (var personalization in root.GetProperty("personalizations").EnumerateArray())
        {
            var key = personalization.TryGetProperty("custom_args", out var args) && args.TryGetProperty("idempotency_key", out var k) ? k.GetString() ?? string.Empty : string.Empty;
            foreach (var to in personalization.GetProperty("to").EnumerateArray())
            {
                var mail = new TappedMail(to.GetProperty("email").GetString()!.ToLowerInvariant(), key, links, arrived);
                Interlocked.Increment(ref this.count);
                this.For(SubjectOf(mail)).Add(mail);
            }
        }
    }

    /// <summary>Waits for a mail about a subject (application id, cycle id, or "signin:" + address) matching a condition.</summary>
    public Task<TappedMail> WaitAsync(string subject, Func<TappedMail, bool> match, TimeSpan timeout) =>
        this.For(subject).WaitAsync(match, timeout);

    /// <summary>The subject a mail is filed under: sign-in mails by recipient, others by the id before ':' (and before "~review~").</summary>
    public static string SubjectOf(TappedMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (mail.IdempotencyKey.StartsWith("signin:", StringComparison.Ordinal))
        {
            return "signin:" + mail.To;
        }

        var id = mail.IdempotencyKey.Split(':')[0];
        var review = id.IndexOf("~review~", StringComparison.Ordinal);
        return review >= 0 ? id[..review] : id;
    }

    private Subject For(string subject) => this.subjects.GetOrAdd(subject, _ => new Subject());

    private static LinkToken? Decode(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(token.AsSpan(0, dot)));
            var a = payload.RootElement;
            return new LinkToken(token, a[2].GetString()!, a[3].GetString()!, a[4].GetString()!, a[5].GetString()!);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"[?&]t=([A-Za-z0-9_\-\.%~]+)")]
    private static partial Regex LinkPattern();

    /// <summary>Mails of one subject and the driver's waits for them.</summary>
    private sealed class Subject
    {
        private readonly List<TappedMail> mails = [];
        private readonly List<(Func<TappedMail, bool> Match, TaskCompletionSource<TappedMail> Done)> waiters = [];

        public void Add(TappedMail mail)
        {
            List<TaskCompletionSource<TappedMail>> done = [];
            lock (this.mails)
            {
                this.mails.Add(mail);
                foreach (var waiter in this.waiters.Where(w => w.Match(mail)).ToList())
                {
                    this.waiters.Remove(waiter);
                    done.Add(waiter.Done);
                }
            }

            foreach (var waiter in done)
            {
                waiter.TrySetResult(mail);
            }
        }

        public async Task<TappedMail> WaitAsync(Func<TappedMail, bool> match, TimeSpan timeout)
        {
            var done = new TaskCompletionSource<TappedMail>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (this.mails)
            {
                if (this.mails.LastOrDefault(match) is { } already)
                {
                    return already;
                }

                this.waiters.Add((match, done));
            }

            return await done.Task.WaitAsync(timeout);
        }
    }
}
