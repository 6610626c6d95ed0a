using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Ports;

/// <summary>Accounts and firms (the people who sign in and the firms they act for).</summary>
public interface IDirectory
{
    /// <summary>The account for an email (case-insensitive), or null.</summary>
    Task<UserAccount?> GetUserAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces an account.</summary>
    Task UpsertUserAsync(UserAccount user, CancellationToken cancellationToken = default);

    /// <summary>Staff holding a role, optionally of one department and/or jurisdiction.</summary>
    Task<IReadOnlyList<UserAccount>> ListStaffAsync(Role role, string? departmentId = null, CancellationToken cancellationToken = default);

    /// <summary>The firm with a credit code, or null.</summary>
    Task<Firm?> GetFirmAsync(string creditCode, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a firm.</summary>
    Task UpsertFirmAsync(Firm firm, CancellationToken cancellationToken = default);

    /// <summary>Firms registered in a jurisdiction (to notify them when a cycle opens).</summary>
    Task<IReadOnlyList<Firm>> ListFirmsAsync(string jurisdiction, CancellationToken cancellationToken = default);
}
