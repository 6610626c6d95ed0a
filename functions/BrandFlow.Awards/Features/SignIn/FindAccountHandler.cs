using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.Features.SignIn;

/// <summary>The account of a signed-in email (read fresh on every request, so role changes apply at once).</summary>
public sealed class FindAccountHandler
{
    private readonly IDirectory directory;

    /// <summary>Creates the handler over the directory.</summary>
    public FindAccountHandler(IDirectory directory) => this.directory = directory ?? throw new ArgumentNullException(nameof(directory));

    /// <summary>The account, or null.</summary>
    public Task<UserAccount?> HandleAsync(string email, CancellationToken cancellationToken = default) =>
        this.directory.GetUserAsync(email.Trim().ToLowerInvariant(), cancellationToken);
}
