using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.InMemory;

/// <summary>Append-only audit log in process memory; an entry whose key was seen is ignored.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly Lock gate = new();
    private readonly List<AuditEntry> entries = [];
    private readonly HashSet<string> keys = new(StringComparer.Ordinal);

    /// <summary>Every entry in append order.</summary>
    public IReadOnlyList<AuditEntry> All
    {
        get
        {
            lock (gate)
            {
                return entries.ToList();
            }
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            if (keys.Add(entry.Key))
            {
                entries.Add(entry);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEntry>> ListAsync(string subjectId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<AuditEntry> list = entries.Where(e => e.SubjectId == subjectId).ToList();
            return Task.FromResult(list);
        }
    }
}
