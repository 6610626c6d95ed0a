using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Ports;

/// <summary>Read models of applications and cycles, written by workflow activities and read by the API and pages.</summary>
public interface IApplicationStore
{
    /// <summary>Writes the record unless a record with the same or a higher revision is stored (replayed writes lose).</summary>
    Task SaveAsync(ApplicationRecord record, CancellationToken cancellationToken = default);

    /// <summary>One application, or null.</summary>
    Task<ApplicationRecord?> GetAsync(string applicationId, CancellationToken cancellationToken = default);

    /// <summary>Applications of a cycle, optionally only with one status.</summary>
    Task<IReadOnlyList<ApplicationRecord>> ListByCycleAsync(string cycleId, ApplicationStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>Applications of a firm (every cycle).</summary>
    Task<IReadOnlyList<ApplicationRecord>> ListByFirmAsync(string creditCode, CancellationToken cancellationToken = default);

    /// <summary>Writes a cycle's read model (last writer wins; the cycle orchestration is its only writer).</summary>
    Task SaveCycleAsync(CycleRecord cycle, CancellationToken cancellationToken = default);

    /// <summary>One cycle, or null.</summary>
    Task<CycleRecord?> GetCycleAsync(string cycleId, CancellationToken cancellationToken = default);

    /// <summary>All cycles.</summary>
    Task<IReadOnlyList<CycleRecord>> ListCyclesAsync(CancellationToken cancellationToken = default);
}
