using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.AzureStorage;

/// <summary>Generated files and editable data documents as blobs of one container; the document name is the blob name.</summary>
public sealed class BlobDocumentStore : IDocumentStore
{
    private readonly BlobContainerClient container;

    internal BlobDocumentStore(BlobContainerClient container)
    {
        this.container = container;
    }

    /// <inheritdoc/>
    public async Task SaveAsync(string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        Validate(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        await this.container.GetBlobClient(name).UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        Validate(name);
        try
        {
            var result = await this.container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static void Validate(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 1024 || name.Any(char.IsControl) || name.EndsWith('/') || name.EndsWith('.') || name.StartsWith('/'))
        {
            throw new ArgumentException($"文档名称无效：“{name}” / Invalid document name \"{name}\".", nameof(name));
        }
    }
}
