using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using BrandFlow.Awards.AzureStorage.Internal;

namespace BrandFlow.Awards.AzureStorage;

/// <summary>Account settings and sweeps of the evidence store: CORS for direct browser uploads, and orphan cleanup.</summary>
public sealed partial class BlobEvidenceStore
{
    /// <summary>Request headers a browser upload sends (the SAS travels in the query string).</summary>
    public const string UploadHeaders = "content-type,content-length,content-md5,x-ms-blob-type,x-ms-blob-content-type,x-ms-blob-content-disposition,x-ms-version,x-ms-date,x-ms-client-request-id";

    /// <summary>
    /// Sets the Blob service's CORS rules so pages served from the given origins can PUT evidence straight into Blob
    /// Storage with a SAS and read it back (GET/HEAD). Replaces any CORS rules of the account's Blob service.
    /// </summary>
    public async Task ConfigureCorsAsync(IReadOnlyList<string> allowedOrigins, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        var origins = allowedOrigins.Select(o => o.Trim().TrimEnd('/')).Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (origins.Count == 0 || origins.Any(o => o != "*" && !Uri.TryCreate(o, UriKind.Absolute, out _)))
        {
            throw new ArgumentException("请给出允许的来源（如 https://apply.example.cn） / Give the allowed origins (e.g. https://apply.example.cn).", nameof(allowedOrigins));
        }

        var properties = (await this.service.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value;
        properties.Cors =
        [
            new BlobCorsRule
            {
                AllowedOrigins = string.Join(',', origins),
                AllowedMethods = "PUT,GET,HEAD,OPTIONS",
                AllowedHeaders = UploadHeaders,
                ExposedHeaders = "etag,content-length,content-type,x-ms-request-id,x-ms-version",
                MaxAgeInSeconds = 3600,
            },
        ];
        await this.service.SetPropertiesAsync(properties, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes abandoned uploads older than <paramref name="olderThan"/>: unsealed slots with their staging blobs, and
    /// staging blobs left without a live slot (e.g. written through a still-valid SAS after sealing). Returns how many
    /// files were removed.
    /// </summary>
    public async Task<int> DeleteAbandonedUploadsAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        if (olderThan < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(olderThan), "时长不能为负数 / The age must not be negative.");
        }

        var cutoff = this.clock.GetUtcNow() - olderThan;
        var removed = 0;
        var filter = TableClient.CreateQueryFilter($"RowKey eq {FileRow} and State ne {StateSealed} and CreatedAt lt {cutoff}");
        foreach (var row in await this.table.QueryAllAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            // Blob first: a crash in between leaves a row without blob, which the next sweep removes.
            await this.staging.DeleteBlobIfExistsAsync(row.PartitionKey, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                await this.table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                removed++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or TableExtensions.PreconditionFailed)
            {
                // Inspected or sealed meanwhile (its blob is then re-uploadable or already copied): leave the record.
            }
        }

        await foreach (var blob in this.staging.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken).ConfigureAwait(false))
        {
            if (blob.Properties.LastModified is not { } modified || modified >= cutoff)
            {
                continue;
            }

            var row = await this.table.GetOrNullAsync(StorageKeys.Encode(blob.Name), FileRow, cancellationToken).ConfigureAwait(false);
            if (row is null || row.GetString("State") == StateSealed)
            {
                await this.staging.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
                removed++;
            }
        }

        return removed;
    }
}
