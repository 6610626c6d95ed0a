using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace BrandFlow.Awards.AzureStorage.Internal;

/// <summary>
/// Stores a record's JSON in a table row. A string property holds at most 32K characters (64 KiB) and an entity at
/// most 1 MiB, so the JSON is split across "Json0", "Json1", ... ("JsonParts" says how many); beyond
/// <see cref="MaxInlineChars"/> (about 900 KB as UTF-16) it goes to a blob named by the row and the content hash,
/// and the row keeps only "JsonBlob".
/// </summary>
internal sealed class JsonPayloads(BlobContainerClient overflow)
{
    /// <summary>Characters per JSON property (below the 32,768-character limit).</summary>
    public const int ChunkChars = 32_000;

    /// <summary>Largest JSON kept in the row itself.</summary>
    public const int MaxInlineChars = 14 * ChunkChars;

    private const string PartsColumn = "JsonParts";
    private const string BlobColumn = "JsonBlob";

    /// <summary>Serialises the value into the entity (uploading it first when too large for a row).</summary>
    public async Task SetAsync<T>(TableEntity entity, string table, T value, CancellationToken cancellationToken)
    {
        var json = StorageJson.Serialize(value);
        if (json.Length <= MaxInlineChars)
        {
            var parts = (json.Length + ChunkChars - 1) / ChunkChars;
            for (var i = 0; i < parts; i++)
            {
                var start = i * ChunkChars;
                entity[Column(i)] = json.Substring(start, Math.Min(ChunkChars, json.Length - start));
            }

            entity[PartsColumn] = parts;
            return;
        }

        // Named by row and content: a retried write reuses the blob, and a losing concurrent write leaves no live reference.
        var name = $"{table}/{StorageKeys.Hash(entity.PartitionKey + "\n" + entity.RowKey)[..32]}/{StorageKeys.Hash(json)}.json";
        var blob = overflow.GetBlobClient(name);
        await blob.UploadAsync(
            BinaryData.FromString(json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken).ConfigureAwait(false);
        entity[PartsColumn] = 0;
        entity[BlobColumn] = name;
    }

    /// <summary>Reads the value from an entity written by <see cref="SetAsync"/>.</summary>
    public async Task<T> GetAsync<T>(TableEntity entity, CancellationToken cancellationToken)
    {
        if (entity.GetString(BlobColumn) is { Length: > 0 } name)
        {
            var content = await overflow.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return StorageJson.Deserialize<T>(Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span));
        }

        var parts = entity.GetInt32(PartsColumn) ?? throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} has no JSON.");
        var json = new StringBuilder();
        for (var i = 0; i < parts; i++)
        {
            json.Append(entity.GetString(Column(i)));
        }

        return StorageJson.Deserialize<T>(json.ToString());
    }

    /// <summary>Deletes the overflow blob a replaced row pointed to, when the new row no longer does.</summary>
    public async Task ForgetReplacedAsync(TableEntity? previous, TableEntity current, CancellationToken cancellationToken)
    {
        if (previous?.GetString(BlobColumn) is { Length: > 0 } old && old != current.GetString(BlobColumn))
        {
            await overflow.DeleteBlobIfExistsAsync(old, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when the failure is a missing overflow blob (a concurrent writer replaced the row: read again).</summary>
    public static bool IsReplacedBlob(RequestFailedException ex) => ex.Status == 404;

    private static string Column(int index) => "Json" + index.ToString(CultureInfo.InvariantCulture);
}
