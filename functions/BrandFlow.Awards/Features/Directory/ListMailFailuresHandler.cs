using BrandFlow.Awards.Model;
using BrandFlow.Awards.Ports;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Directory;

/// <summary>Mail sends that failed for good (administrator).</summary>
public sealed class ListMailFailuresHandler
{
    private readonly IMailFailureLog failures;

    /// <summary>Creates the handler over the mail failure log.</summary>
    public ListMailFailuresHandler(IMailFailureLog failures) => this.failures = failures ?? throw new ArgumentNullException(nameof(failures));

    /// <summary>The recorded failures.</summary>
    public Task<IReadOnlyList<MailFailure>> HandleAsync(UserAccount? actor, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Authorize(UseCase.ListMailFailures, actor);
        return this.failures.ListAsync(cancellationToken);
    }
}
