using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using BrandFlow.Awards.AzureStorage.Internal;
using BrandFlow.Awards.Evidence;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.AzureStorage;

/// <summary>
/// Evidence files in Blob Storage. The browser PUTs a file straight into the staging container through a per-blob
/// SAS that may only create and write (no read, list or delete) for a few minutes; the owner, type and name stay on
/// the server in the evidence table (PK = file id, RK "file"). Inspection judges the content, hashes it, and deletes
/// a refused blob. Sealing copies the inspected version (ETag-pinned) into the sealed container and deletes the
/// staging blob, so a still-valid write SAS cannot change what was submitted.
/// </summary>
public sealed partial class BlobEvidenceStore : IEvidenceStore
{
    private const string FileRow = "file";
    private const string StateSlot = "slot";
    private const string StateRefused = "refused";
    private const string StateInspected = "inspected";
    private const string StateSealed = "sealed";
    private const int MaxInspectAttempts = 3;

    private readonly TableClient table;
    private readonly BlobContainerClient staging;
    private readonly BlobContainerClient sealedFiles;
    private readonly BlobServiceClient service;
    private readonly AwardsStorageOptions options;
    private readonly TimeProvider clock;
    private UserDelegationKey? delegationKey;

    internal BlobEvidenceStore(TableClient table, BlobServiceClient service, AwardsStorageOptions options, TimeProvider clock)
    {
        this.table = table;
        this.service = service;
        this.staging = service.GetBlobContainerClient(options.StagingContainer);
        this.sealedFiles = service.GetBlobContainerClient(options.SealedContainer);
        this.options = options;
        this.clock = clock;
    }

    /// <inheritdoc/>
    public async Task<UploadSlot> CreateUploadSlotAsync(string creditCode, string evidenceType, string fileName, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(creditCode) || string.IsNullOrWhiteSpace(evidenceType))
        {
            throw new ArgumentException("缺少信用代码或证明材料类型 / The credit code or evidence type is missing.", nameof(creditCode));
        }

        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > 255 || fileName.Any(char.IsControl))
        {
            throw new ArgumentException($"文件名无效：“{fileName}”（1 至 255 个字符） / Invalid file name \"{fileName}\" (1 to 255 characters).", nameof(fileName));
        }

        var fileId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = this.clock.GetUtcNow();
        var row = new TableEntity(StorageKeys.Encode(fileId), FileRow)
        {
            ["CreditCode"] = creditCode.Trim(),
            ["EvidenceType"] = evidenceType,
            ["FileName"] = fileName,
            ["CreatedAt"] = now,
            ["State"] = StateSlot,
        };
        await this.table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);

        var expiresAt = now + this.options.UploadSlotLifetime;
        var url = await this.SasAsync(this.staging.GetBlobClient(fileId), BlobSasPermissions.Create | BlobSasPermissions.Write, expiresAt, cancellationToken).ConfigureAwait(false);
        return new UploadSlot(fileId, url, expiresAt, this.options.MaxEvidenceLength);
    }

    /// <inheritdoc/>
    public async Task<EvidenceCheck> InspectAsync(string creditCode, string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(creditCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        var blob = this.staging.GetBlobClient(fileId);
        var fileName = string.Empty;
        for (var attempt = 1; attempt <= MaxInspectAttempts; attempt++)
        {
            var row = await this.table.GetOrNullAsync(StorageKeys.Encode(fileId), FileRow, cancellationToken).ConfigureAwait(false);
            if (row is null || row.GetString("CreditCode") != creditCode.Trim())
            {
                // Same answer for "absent" and "another firm's": nothing tells a caller that someone else's file exists.
                return Refuse("unknown-file", "找不到该文件，或该文件不属于本单位", "No such file for this firm.");
            }

            fileName = row.GetString("FileName");
            if (row.GetString("State") == StateSealed)
            {
                return new EvidenceCheck(FileFrom(fileId, row), null, null, null);
            }

            BlobProperties properties;
            try
            {
                properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return Refuse("not-uploaded", $"文件“{fileName}”尚未上传完成", $"The file \"{fileName}\" has not been uploaded yet.");
            }

            if (row.GetString("State") == StateInspected && row.GetString("BlobETag") == properties.ETag.ToString())
            {
                return new EvidenceCheck(FileFrom(fileId, row), null, null, null); // inspected already, unchanged since
            }

            var pinned = new BlobRequestConditions { IfMatch = properties.ETag };
            try
            {
                var verdict = await this.JudgeAsync(blob, properties.ContentLength, fileName, pinned, cancellationToken).ConfigureAwait(false);
                if (!verdict.Accepted)
                {
                    await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, pinned, cancellationToken).ConfigureAwait(false);
                    row["State"] = StateRefused;
                    row["RefusalCode"] = verdict.RefusalCode;
                    await this.table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                    return Refuse(verdict.RefusalCode ?? "refused", verdict.MessageZh ?? "文件被拒绝", verdict.MessageEn ?? "The file was refused.");
                }

                var download = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Conditions = pinned }, cancellationToken).ConfigureAwait(false);
                byte[] hash;
                using (var content = download.Value.Content)
                {
                    hash = await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false);
                }

                row["State"] = StateInspected;
                row["ContentType"] = verdict.ContentType;
                row["Length"] = properties.ContentLength;
                row["Sha256"] = Convert.ToHexStringLower(hash);
                row["BlobETag"] = properties.ETag.ToString();
                row["InspectedAt"] = this.clock.GetUtcNow();

                // ETag-guarded: a concurrent seal or inspection of a newer upload is never overwritten by this older view.
                await this.table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return new EvidenceCheck(FileFrom(fileId, row), null, null, null);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Rewritten or removed through the SAS while we read it, or the record moved on: look again.
            }
        }

        return Refuse("changing", $"文件“{fileName}”在检查时被改写，请重新上传", $"The file \"{fileName}\" changed while it was being checked; upload it again.");
    }

    /// <inheritdoc/>
    public async Task SealAsync(string applicationId, IReadOnlyList<EvidenceFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        ArgumentNullException.ThrowIfNull(files);

        // Check every file before sealing any, so a bad list seals nothing.
        var rows = new List<(EvidenceFile File, TableEntity Row)>();
        foreach (var file in files.DistinctBy(f => f.FileId))
        {
            var row = await this.table.GetOrNullAsync(StorageKeys.Encode(file.FileId), FileRow, cancellationToken).ConfigureAwait(false);
            var state = row?.GetString("State");
            if (row is null || state is not (StateInspected or StateSealed) || row.GetString("Sha256") != file.Sha256)
            {
                throw new InvalidOperationException(
                    $"证明文件“{file.FileName}”未通过检查或检查后被改动，请重新上传 / The evidence file \"{file.FileName}\" has not passed inspection or changed since; upload it again.");
            }

            if (state == StateInspected && !await this.StagingUnchangedAsync(file.FileId, row, cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException(
                    $"证明文件“{file.FileName}”在检查后被改动或删除，请重新上传 / The evidence file \"{file.FileName}\" changed or vanished after inspection; upload it again.");
            }

            rows.Add((file, row));
        }

        foreach (var (file, row) in rows)
        {
            if (row.GetString("State") != StateSealed)
            {
                await this.SealOneAsync(applicationId, file, row, cancellationToken).ConfigureAwait(false);
            }

            // Also after a crash between the row update and this delete, a retry removes the staging copy.
            await this.staging.DeleteBlobIfExistsAsync(file.FileId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async Task<Uri> CreateReadUrlAsync(string fileId, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "链接有效期须为正数 / The link lifetime must be positive.");
        }

        var row = await this.table.GetOrNullAsync(StorageKeys.Encode(fileId), FileRow, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"找不到证明文件 {fileId} / No evidence file {fileId}.");
        var container = row.GetString("State") == StateSealed ? this.sealedFiles : this.staging;
        return await this.SasAsync(container.GetBlobClient(fileId), BlobSasPermissions.Read, this.clock.GetUtcNow() + lifetime, cancellationToken).ConfigureAwait(false);
    }

    private static EvidenceCheck Refuse(string code, string messageZh, string messageEn) => new(null, code, messageZh, messageEn);

    private static EvidenceFile FileFrom(string fileId, TableEntity row) => new(
        fileId,
        row.GetString("EvidenceType"),
        row.GetString("FileName"),
        row.GetString("ContentType"),
        row.GetInt64("Length") ?? 0,
        row.GetString("Sha256"));

    /// <summary>Reads the head (a range request) and lets the pure inspector judge it with the length and the name.</summary>
    private async Task<InspectionResult> JudgeAsync(BlobClient blob, long length, string fileName, BlobRequestConditions pinned, CancellationToken cancellationToken)
    {
        var head = ReadOnlyMemory<byte>.Empty;
        if (length > 0)
        {
            var range = new HttpRange(0, Math.Min(EvidenceInspector.HeadLength, length));
            var result = await blob.DownloadContentAsync(new BlobDownloadOptions { Range = range, Conditions = pinned }, cancellationToken).ConfigureAwait(false);
            head = result.Value.Content.ToMemory();
        }

        var verdict = EvidenceInspector.Inspect(head.Span, length, fileName);
        if (verdict.Accepted && length > this.options.MaxEvidenceLength)
        {
            var limitMiB = this.options.MaxEvidenceLength / (1024.0 * 1024.0);
            return new InspectionResult(null, "too-large", $"文件“{fileName}”超过 {limitMiB:0.#} MiB 上限", $"The file \"{fileName}\" exceeds the {limitMiB:0.#} MiB limit.");
        }

        return verdict;
    }

    /// <summary>True when the staging blob is still the version that was inspected.</summary>
    private async Task<bool> StagingUnchangedAsync(string fileId, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await this.staging.GetBlobClient(fileId).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.ETag.ToString() == row.GetString("BlobETag");
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Gone from staging: fine only when a crashed seal already copied it.
            return await this.sealedFiles.GetBlobClient(fileId).ExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SealOneAsync(string applicationId, EvidenceFile file, TableEntity row, CancellationToken cancellationToken)
    {
        var target = this.sealedFiles.GetBlobClient(file.FileId);
        if (!await target.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            var copy = new BlobCopyFromUriOptions
            {
                // Only the inspected version may be sealed, and a sealed blob is never overwritten.
                SourceConditions = new BlobRequestConditions { IfMatch = new ETag(row.GetString("BlobETag")) },
                DestinationConditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string>
                {
                    ["applicationid"] = applicationId,
                    ["creditcode"] = row.GetString("CreditCode"),
                    ["sha256"] = file.Sha256,
                },
            };
            try
            {
                var operation = await target.StartCopyFromUriAsync(this.staging.GetBlobClient(file.FileId).Uri, copy, cancellationToken).ConfigureAwait(false);
                await operation.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                if (!await target.ExistsAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidOperationException(
                        $"证明文件“{file.FileName}”在检查后被改动或删除，请重新上传 / The evidence file \"{file.FileName}\" changed or vanished after inspection; upload it again.",
                        ex);
                }
            }
        }

        row["State"] = StateSealed;
        row["ApplicationId"] = applicationId;
        row["SealedAt"] = this.clock.GetUtcNow();
        await this.table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A SAS URL for one blob: signed with the account key when the client has it (a connection string, Azurite), else
    /// with a user-delegation key of the client's identity (Azure with shared-key access off), kept until it nears its end.
    /// </summary>
    private async Task<Uri> SasAsync(BlobClient blob, BlobSasPermissions permissions, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var builder = new BlobSasBuilder(permissions, expiresAt)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(builder);
        }

        var key = await this.DelegationKeyAsync(expiresAt, cancellationToken).ConfigureAwait(false);
        return new BlobUriBuilder(blob.Uri) { Sas = builder.ToSasQueryParameters(key, this.service.AccountName) }.ToUri();
    }

    /// <summary>A user-delegation key valid at least until <paramref name="until"/> (requested for a day, at most 7 days ahead).</summary>
    private async Task<UserDelegationKey> DelegationKeyAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var current = this.delegationKey;
        if (current is not null && current.SignedExpiresOn >= until)
        {
            return current;
        }

        var now = this.clock.GetUtcNow();
        var expires = until > now + TimeSpan.FromDays(1) ? until : now + TimeSpan.FromDays(1);
        if (expires > now + TimeSpan.FromDays(7))
        {
            throw new ArgumentOutOfRangeException(nameof(until), "链接有效期不能超过 7 天 / A link cannot be valid for more than 7 days.");
        }

        var fresh = (await this.service.GetUserDelegationKeyAsync(new BlobGetUserDelegationKeyOptions(expires) { StartsOn = now - TimeSpan.FromMinutes(5) }, cancellationToken).ConfigureAwait(false)).Value;
        this.delegationKey = fresh;
        return fresh;
    }
}
