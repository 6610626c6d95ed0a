using Azure.Data.Tables;
using BrandFlow.Awards.AzureStorage.Internal;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.AzureStorage;

/// <summary>
/// Accounts and firms in one table. Accounts: PK "user", RK = lower-case email, a boolean column per role
/// ("RoleReviewer", ...) and DepartmentId, so staff lists are server-side filters. Firms: PK "firm", RK = credit
/// code, with a Jurisdiction column. Each row is one atomic upsert (last writer wins).
/// </summary>
public sealed class TableDirectory : IDirectory
{
    private const string UsersPartition = "user";
    private const string FirmsPartition = "firm";

    private readonly TableClient table;
    private readonly JsonPayloads payloads;

    internal TableDirectory(TableClient table, JsonPayloads payloads)
    {
        this.table = table;
        this.payloads = payloads;
    }

    /// <inheritdoc/>
    public async Task<UserAccount?> GetUserAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var row = await this.table.GetOrNullAsync(UsersPartition, StorageKeys.Encode(Normalize(email)), cancellationToken).ConfigureAwait(false);
        return row is null ? null : await this.payloads.GetAsync<UserAccount>(row, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task UpsertUserAsync(UserAccount user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(user.Email) || !user.Email.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"电子邮箱无效：“{user.Email}” / Invalid email address \"{user.Email}\".", nameof(user));
        }

        var stored = user with { Email = Normalize(user.Email) };
        var entity = new TableEntity(UsersPartition, StorageKeys.Encode(stored.Email))
        {
            ["Email"] = stored.Email,
            ["DepartmentId"] = stored.DepartmentId ?? string.Empty,
            ["Jurisdiction"] = stored.Jurisdiction ?? string.Empty,
            ["CreditCode"] = stored.CreditCode ?? string.Empty,
        };
        foreach (var role in Enum.GetValues<Role>())
        {
            entity[RoleColumn(role)] = stored.Roles.Contains(role);
        }

        await this.payloads.SetAsync(entity, this.table.Name, stored, cancellationToken).ConfigureAwait(false);
        await this.table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<UserAccount>> ListStaffAsync(Role role, string? departmentId = null, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {UsersPartition}") + $" and {RoleColumn(role)} eq true";
        if (departmentId is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"DepartmentId eq {departmentId}");
        }

        var users = new List<UserAccount>();
        foreach (var row in await this.table.QueryAllAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            users.Add(await this.payloads.GetAsync<UserAccount>(row, cancellationToken).ConfigureAwait(false));
        }

        return users;
    }

    /// <inheritdoc/>
    public async Task<Firm?> GetFirmAsync(string creditCode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(creditCode);
        var row = await this.table.GetOrNullAsync(FirmsPartition, StorageKeys.Encode(creditCode.Trim()), cancellationToken).ConfigureAwait(false);
        return row is null ? null : await this.payloads.GetAsync<Firm>(row, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task UpsertFirmAsync(Firm firm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(firm);
        if (string.IsNullOrWhiteSpace(firm.CreditCode) || string.IsNullOrWhiteSpace(firm.Jurisdiction))
        {
            throw new ArgumentException("单位缺少统一社会信用代码或辖区 / The firm lacks its credit code or jurisdiction.", nameof(firm));
        }

        var entity = new TableEntity(FirmsPartition, StorageKeys.Encode(firm.CreditCode.Trim()))
        {
            ["Jurisdiction"] = firm.Jurisdiction,
            ["Name"] = firm.Name,
        };
        await this.payloads.SetAsync(entity, this.table.Name, firm, cancellationToken).ConfigureAwait(false);
        await this.table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Firm>> ListFirmsAsync(string jurisdiction, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jurisdiction);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {FirmsPartition} and Jurisdiction eq {jurisdiction}");
        var firms = new List<Firm>();
        foreach (var row in await this.table.QueryAllAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            firms.Add(await this.payloads.GetAsync<Firm>(row, cancellationToken).ConfigureAwait(false));
        }

        return firms;
    }

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();

    private static string RoleColumn(Role role) => "Role" + role.ToString();
}
