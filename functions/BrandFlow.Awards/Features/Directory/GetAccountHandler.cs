using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Directory;

/// <summary>An account: its owner or an administrator.</summary>
public sealed class GetAccountHandler
{
    private readonly IDirectory directory;

    /// <summary>Creates the handler over the directory.</summary>
    public GetAccountHandler(IDirectory directory) => this.directory = directory ?? throw new ArgumentNullException(nameof(directory));

    /// <summary>The account, or not found (also for another's account, unless the actor is an administrator).</summary>
    public async Task<UserAccount> HandleAsync(UserAccount? actor, string email, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.GetAccount, actor);
        var key = (email ?? string.Empty).Trim().ToLowerInvariant();
        var account = AccessPolicy.SeesAccount(UseCase.GetAccount, who, key) ? await this.directory.GetUserAsync(key, cancellationToken) : null;
        return account ?? throw AwardsErrors.NotFound("账号", "account", key);
    }
}
