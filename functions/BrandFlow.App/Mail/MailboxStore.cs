using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BrandFlow.Awards.Model;
using BrandFlow.Hosting;
using BrandFlow.Hosting.Mail;

namespace BrandFlow.App.Mail;

/// <summary>
/// The development mailbox: each message the local SendGrid endpoint accepted, as a JSON blob. Message ids start with
/// the inverted receive time, so listing the container in name order lists the newest first.
/// </summary>
public sealed class MailboxStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly EnsuredContainer container;

    /// <summary>Uses the given container (created on first use).</summary>
    public MailboxStore(BlobContainerClient container) => this.container = new EnsuredContainer(container);

    /// <summary>A new message id that sorts before every earlier one.</summary>
    public static string NewMessageId(DateTimeOffset receivedAt) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - receivedAt.UtcTicks:D19}-{Guid.NewGuid():N}";

    /// <summary>True for strings shaped like the ids this store hands out (digits, hex, '-' and '.').</summary>
    public static bool IsMessageId(string id) =>
        id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f' || c is '-' or '.');

    /// <summary>Stores a message.</summary>
    public async Task SaveAsync(StoredMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var blobs = await container.GetAsync(cancellationToken).ConfigureAwait(false);
        var blob = blobs.GetBlobClient(mail.MessageId + ".json");
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
            Metadata = new Dictionary<string, string> { ["to"] = Uri.EscapeDataString(mail.To.ToLowerInvariant()) },
        };
        await blob.UploadAsync(BinaryData.FromObjectAsJson(mail, Json), options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A message by id, or null.</summary>
    public async Task<StoredMail?> GetAsync(string messageId, CancellationToken cancellationToken = default)
    {
        if (!IsMessageId(messageId))
        {
            return null;
        }

        var blobs = await container.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await blobs.GetBlobClient(messageId + ".json").DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<StoredMail>(Json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Messages newest first, optionally only those to one address (case-insensitive), at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<StoredMail>> ListAsync(string? to = null, int max = 200, CancellationToken cancellationToken = default)
    {
        var blobs = await container.GetAsync(cancellationToken).ConfigureAwait(false);
        var wanted = string.IsNullOrWhiteSpace(to) ? null : Uri.EscapeDataString(to.Trim().ToLowerInvariant());
        var names = new List<string>();
        await foreach (var item in blobs.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken).ConfigureAwait(false))
        {
            if (wanted is null || (item.Metadata.TryGetValue("to", out var recipient) && recipient == wanted))
            {
                names.Add(item.Name);
                if (names.Count >= max)
                {
                    break;
                }
            }
        }

        var messages = new List<StoredMail>(names.Count);
        foreach (var name in names)
        {
            var content = await blobs.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            messages.Add(content.Value.Content.ToObjectFromJson<StoredMail>(Json)!);
        }

        return messages;
    }
}
