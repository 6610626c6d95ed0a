using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Directory;

/// <summary>Staff holding a role, optionally of one department (administrator).</summary>
public sealed class ListStaffHandler
{
    private readonly IDirectory directory;

    /// <summary>Creates the handler over the directory.</summary>
    public ListStaffHandler(IDirectory directory) => this.directory = directory ?? throw new ArgumentNullException(nameof(directory));

    /// <summary>The staff holding the role.</summary>
    public Task<IReadOnlyList<UserAccount>> HandleAsync(UserAccount? actor, Role role, string? departmentId, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Authorize(UseCase.ListStaff, actor);
        return this.directory.ListStaffAsync(role, departmentId, cancellationToken);
    }
}
