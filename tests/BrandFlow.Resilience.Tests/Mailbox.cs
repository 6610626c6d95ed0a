using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BrandFlow.Awards.Model;

namespace BrandFlow.Resilience.Tests;

/// <summary>A signed link in a mail and the claims its payload states (read, not verified: the app verifies).</summary>
internal sealed record MailLink(string Token, string Purpose, string Subject, string Action);

/// <summary>
/// The development mailbox of the site read straight from its blob container (what the app's /dev/mailbox pages list),
/// so a test can find a person's mails and the signed links in them, however many there are.
/// </summary>
internal sealed partial class Mailbox(BlobContainerClient container)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, StoredMail> read = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> taken = new(StringComparer.Ordinal);

    /// <summary>Every mail to an address so far.</summary>
    public async Task<IReadOnlyList<StoredMail>> ToAsync(string email)
    {
        if (!await container.ExistsAsync())
        {
            return [];
        }

        var wanted = Uri.EscapeDataString(email.Trim().ToLowerInvariant());
        var mails = new List<StoredMail>();
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
        {
            if (!item.Metadata.TryGetValue("to", out var to) || to != wanted)
            {
                continue;
            }

            if (!this.read.TryGetValue(item.Name, out var mail))
            {
                var content = await container.GetBlobClient(item.Name).DownloadContentAsync();
                mail = content.Value.Content.ToObjectFromJson<StoredMail>(Json)!;
                this.read[item.Name] = mail;
            }

            mails.Add(mail);
        }

        return mails;
    }

    /// <summary>One lock per address, so two clients signing the same person in never take each other's link.</summary>
    public SemaphoreSlim LockFor(string email) => this.locks.GetOrAdd(email.Trim().ToLowerInvariant(), _ => new SemaphoreSlim(1, 1));

    /// <summary>
    /// Waits for a mail to the address received after <paramref name="since"/> that satisfies the condition and was not handed out before; reads only the
    /// newest blobs (names sort newest first), so it stays cheap however full the mailbox is.
    /// </summary>
    public async Task<StoredMail> WaitForNewAsync(string email, DateTimeOffset since, Func<StoredMail, bool> match, TimeSpan timeout)
    {
        var wanted = Uri.EscapeDataString(email.Trim().ToLowerInvariant());
        var oldest = since.AddSeconds(-1).UtcTicks;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await container.ExistsAsync())
            {
                await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
                {
                    var received = DateTimeOffset.MaxValue.UtcTicks - long.Parse(item.Name.AsSpan(0, 19), System.Globalization.CultureInfo.InvariantCulture);
                    if (received < oldest)
                    {
                        break;
                    }

                    if (item.Metadata.TryGetValue("to", out var to) && to == wanted)
                    {
                        var mail = this.read.GetOrAdd(item.Name, name => container.GetBlobClient(name).DownloadContent().Value.Content.ToObjectFromJson<StoredMail>(Json)!);
                        if (match(mail) && this.taken.TryAdd(item.Name, true))
                        {
                            return mail;
                        }
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no new matching mail to {email} within {timeout.TotalSeconds:0} s");
    }

    /// <summary>Waits until a mail to the address satisfies the condition.</summary>
    public async Task<StoredMail> WaitAsync(string email, Func<StoredMail, bool> match, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if ((await this.ToAsync(email)).FirstOrDefault(match) is { } mail)
            {
                return mail;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"no matching mail to {email} within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The signed links (?t=...) in a mail.</summary>
    public static IReadOnlyList<MailLink> Links(StoredMail mail) =>
        LinkPattern().Matches(WebUtility.HtmlDecode(mail.HtmlBody)).Select(m => Decode(Uri.UnescapeDataString(m.Groups[1].Value)))
            .OfType<MailLink>().DistinctBy(l => l.Token).ToList();

    private static MailLink? Decode(string token)
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
            return new MailLink(token, a[2].GetString()!, a[3].GetString()!, a[5].GetString()!);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"[?&]t=([A-Za-z0-9_\-\.%~]+)")]
    private static partial Regex LinkPattern();
}
