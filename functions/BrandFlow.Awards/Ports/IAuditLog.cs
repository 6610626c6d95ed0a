using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Ports;

/// <summary>The append-only audit log.</summary>
public interface IAuditLog
{
    /// <summary>Appends unless an entry with the same key exists (idempotent); never updates or deletes.</summary>
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Entries of one subject, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string subjectId, CancellationToken cancellationToken = default);
}
