using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.InMemory;

/// <summary>Application and cycle read models in process memory; a write with a stale revision loses, as in storage.</summary>
public sealed class InMemoryApplicationStore : IApplicationStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ApplicationRecord> applications = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CycleRecord> cycles = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task SaveAsync(ApplicationRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (gate)
        {
            if (!applications.TryGetValue(record.ApplicationId, out var stored) || stored.Revision < record.Revision)
            {
                applications[record.ApplicationId] = record;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ApplicationRecord?> GetAsync(string applicationId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(applications.GetValueOrDefault(applicationId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApplicationRecord>> ListByCycleAsync(string cycleId, ApplicationStatus? status = null, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<ApplicationRecord> list = applications.Values
                .Where(a => a.CycleId == cycleId && (status is null || a.Status == status))
                .OrderBy(a => a.ApplicationId, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApplicationRecord>> ListByFirmAsync(string creditCode, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<ApplicationRecord> list = applications.Values
                .Where(a => a.Firm.CreditCode == creditCode)
                .OrderBy(a => a.ApplicationId, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc />
    public Task SaveCycleAsync(CycleRecord cycle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        lock (gate)
        {
            cycles[cycle.Definition.CycleId] = cycle;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<CycleRecord?> GetCycleAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(cycles.GetValueOrDefault(cycleId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CycleRecord>> ListCyclesAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<CycleRecord> list = cycles.Values.OrderBy(c => c.Definition.CycleId, StringComparer.Ordinal).ToList();
            return Task.FromResult(list);
        }
    }
}
