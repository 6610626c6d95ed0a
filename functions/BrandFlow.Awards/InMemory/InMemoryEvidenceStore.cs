using System.Collections.Concurrent;
using System.Security.Cryptography;
using BrandFlow.Awards.Evidence;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.InMemory;

/// <summary>
/// Evidence files in process memory: a slot reserves a file id, <see cref="Upload"/> stands in for the browser's PUT,
/// <see cref="InspectAsync"/> judges the content like the blob-backed store, and sealed files refuse new content.
/// </summary>
public sealed class InMemoryEvidenceStore(TimeProvider clock) : IEvidenceStore
{
    private readonly ConcurrentDictionary<string, Slot> slots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> sealedBy = new(StringComparer.Ordinal);

    /// <summary>File ids sealed so far, with the application that sealed them.</summary>
    public IReadOnlyDictionary<string, string> Sealed => sealedBy;

    /// <inheritdoc />
    public Task<UploadSlot> CreateUploadSlotAsync(string creditCode, string evidenceType, string fileName, CancellationToken cancellationToken = default)
    {
        var fileId = Guid.NewGuid().ToString("n");
        slots[fileId] = new Slot(creditCode, evidenceType, fileName, null);
        var expires = clock.GetUtcNow().AddMinutes(10);
        return Task.FromResult(new UploadSlot(fileId, new Uri($"memory://evidence/{fileId}"), expires, EvidenceInspector.MaxLength));
    }

    /// <summary>Stores the content of a reserved file (what the browser's upload does).</summary>
    public void Upload(string fileId, byte[] content)
    {
        if (sealedBy.ContainsKey(fileId))
        {
            throw new InvalidOperationException($"证据文件已封存 / evidence file '{fileId}' is sealed");
        }

        var slot = slots.TryGetValue(fileId, out var s) ? s : throw new KeyNotFoundException($"没有该上传位置 / no upload slot '{fileId}'");
        slots[fileId] = slot with { Content = content };
    }

    /// <inheritdoc />
    public Task<EvidenceCheck> InspectAsync(string creditCode, string fileId, CancellationToken cancellationToken = default)
    {
        if (!slots.TryGetValue(fileId, out var slot) || slot.CreditCode != creditCode || slot.Content is null)
        {
            return Task.FromResult(new EvidenceCheck(null, "missing", "文件未上传", "the file was not uploaded"));
        }

        var content = slot.Content;
        var head = content.AsSpan(0, Math.Min(content.Length, EvidenceInspector.HeadLength));
        var verdict = EvidenceInspector.Inspect(head, content.Length, slot.FileName);
        if (!verdict.Accepted)
        {
            slots.TryRemove(fileId, out _);
            return Task.FromResult(new EvidenceCheck(null, verdict.RefusalCode, verdict.MessageZh, verdict.MessageEn));
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var file = new EvidenceFile(fileId, slot.EvidenceType, slot.FileName, verdict.ContentType!, content.Length, sha);
        return Task.FromResult(new EvidenceCheck(file, null, null, null));
    }

    /// <inheritdoc />
    public Task SealAsync(string applicationId, IReadOnlyList<EvidenceFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            sealedBy.TryAdd(file.FileId, applicationId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Uri> CreateReadUrlAsync(string fileId, TimeSpan lifetime, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Uri($"memory://evidence/{fileId}?expires={clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds()}"));

    private sealed record Slot(string CreditCode, string EvidenceType, string FileName, byte[]? Content);
}
