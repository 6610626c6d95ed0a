using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace BrandFlow.Durable.AzureStorage.Storage;

/// <summary>
/// Keeps payloads that exceed queue or table limits in a blob container. Blob names start with the escaped
/// instance id and a slash, so purging an instance deletes exactly its blobs by prefix.
/// </summary>
public sealed class PayloadStore
{
    private readonly BlobContainerClient container;

    /// <summary>Creates a store over one container.</summary>
    public PayloadStore(BlobContainerClient container)
    {
        this.container = container;
    }

    /// <summary>Creates the container if it does not exist.</summary>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) =>
        this.container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Blob name prefix of every payload of an instance.</summary>
    public static string InstancePrefix(string instanceId) => Uri.EscapeDataString(instanceId) + "/";

    /// <summary>Uploads a payload for an instance and returns its blob name.</summary>
    public async Task<string> UploadAsync(string instanceId, string kind, string text, CancellationToken cancellationToken)
    {
        var name = $"{InstancePrefix(instanceId)}{kind}-{Guid.NewGuid():N}";
        await this.container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);
        return name;
    }

    /// <summary>Downloads a payload by blob name.</summary>
    public async Task<string> DownloadAsync(string blobName, CancellationToken cancellationToken)
    {
        var result = await this.container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
        return Encoding.UTF8.GetString(result.Value.Content.ToMemory().Span);
    }

    /// <summary>Deletes every payload blob of an instance; returns how many were deleted.</summary>
    public async Task<int> DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var blob in this.container.GetBlobsAsync(BlobTraits.None, BlobStates.None, InstancePrefix(instanceId), cancellationToken))
        {
            try
            {
                await this.container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted concurrently by another purge: nothing left to do.
            }
        }

        return deleted;
    }

    /// <summary>Counts the payload blobs of an instance (used by tests and diagnostics).</summary>
    public async Task<int> CountInstanceBlobsAsync(string instanceId, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var unused in this.container.GetBlobsAsync(BlobTraits.None, BlobStates.None, InstancePrefix(instanceId), cancellationToken))
        {
            count++;
        }

        return count;
    }
}
