using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>One application the actor may see.</summary>
public sealed class GetApplicationHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public GetApplicationHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>One application the actor may see.</summary>
    public async Task<ApplicationRecord> HandleAsync(UserAccount? actor, string applicationId, CancellationToken cancellationToken = default) =>
        await this.context.VisibleApplicationAsync(UseCase.GetApplication, AccessPolicy.Authorize(UseCase.GetApplication, actor), applicationId, cancellationToken);
}
