using System.Collections.Concurrent;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.InMemory;

/// <summary>Accounts and firms in process memory (tests and local runs without storage).</summary>
public sealed class InMemoryDirectory : IDirectory
{
    private readonly ConcurrentDictionary<string, UserAccount> users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Firm> firms = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<UserAccount?> GetUserAsync(string email, CancellationToken cancellationToken = default) =>
        Task.FromResult(users.TryGetValue(email.Trim(), out var user) ? user : null);

    /// <inheritdoc />
    public Task UpsertUserAsync(UserAccount user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = user with { Email = user.Email.Trim().ToLowerInvariant() };
        users[stored.Email] = stored;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UserAccount>> ListStaffAsync(Role role, string? departmentId = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<UserAccount> staff = users.Values
            .Where(u => u.Has(role) && (departmentId is null || u.DepartmentId == departmentId))
            .OrderBy(u => u.Email, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(staff);
    }

    /// <inheritdoc />
    public Task<Firm?> GetFirmAsync(string creditCode, CancellationToken cancellationToken = default) =>
        Task.FromResult(firms.TryGetValue(creditCode, out var firm) ? firm : null);

    /// <inheritdoc />
    public Task UpsertFirmAsync(Firm firm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(firm);
        firms[firm.CreditCode] = firm;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Firm>> ListFirmsAsync(string jurisdiction, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Firm> list = firms.Values.Where(f => f.Jurisdiction == jurisdiction).OrderBy(f => f.CreditCode, StringComparer.Ordinal).ToList();
        return Task.FromResult(list);
    }
}
