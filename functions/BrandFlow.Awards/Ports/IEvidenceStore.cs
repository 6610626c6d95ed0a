using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Ports;

/// <summary>Where the browser uploads a file: a short-lived, write-only URL for one new blob.</summary>
public sealed record UploadSlot(string FileId, Uri UploadUrl, DateTimeOffset ExpiresAt, long MaxLength);

/// <summary>The server's verdict on an uploaded file: the validated file, or a refusal (and the blob is gone).</summary>
public sealed record EvidenceCheck(EvidenceFile? File, string? RefusalCode, string? MessageZh, string? MessageEn)
{
    /// <summary>True when the file was accepted.</summary>
    public bool Accepted => File is not null;
}

/// <summary>Evidence files in Blob Storage: upload slots, server-side validation, sealing, read access.</summary>
public interface IEvidenceStore
{
    /// <summary>Reserves a file for a firm and returns a write-only URL valid for a few minutes.</summary>
    Task<UploadSlot> CreateUploadSlotAsync(string creditCode, string evidenceType, string fileName, CancellationToken cancellationToken = default);

    /// <summary>Validates an uploaded file (size, magic bytes, SHA-256); a refused file's blob is deleted.</summary>
    Task<EvidenceCheck> InspectAsync(string creditCode, string fileId, CancellationToken cancellationToken = default);

    /// <summary>Makes the files of a submitted application immutable (idempotent).</summary>
    Task SealAsync(string applicationId, IReadOnlyList<EvidenceFile> files, CancellationToken cancellationToken = default);

    /// <summary>A short-lived read-only URL for one file.</summary>
    Task<Uri> CreateReadUrlAsync(string fileId, TimeSpan lifetime, CancellationToken cancellationToken = default);
}
