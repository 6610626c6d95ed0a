using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>Applications the actor may see: an applicant its firm's; staff a cycle's (or every cycle's), optionally by status.</summary>
public sealed class ListApplicationsHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public ListApplicationsHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Applications the actor may see, newest first.</summary>
    public async Task<IReadOnlyList<ApplicationRecord>> HandleAsync(UserAccount? actor, string? cycleId = null, ApplicationStatus? status = null, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.ListApplications, actor);
        IEnumerable<ApplicationRecord> found;
        if (!AccessPolicy.SeesAll(UseCase.ListApplications, who))
        {
            var own = who.CreditCode is { Length: > 0 } code ? await this.context.Ports.Applications.ListByFirmAsync(code, cancellationToken) : [];
            found = own.Where(a => (cycleId is null || a.CycleId == cycleId) && (status is null || a.Status == status));
        }
        else
        {
            var cycles = cycleId is not null ? [cycleId] : (await this.context.Ports.Applications.ListCyclesAsync(cancellationToken)).Select(c => c.Definition.CycleId).ToList();
            var all = new List<ApplicationRecord>();
            foreach (var id in cycles)
            {
                all.AddRange(await this.context.Ports.Applications.ListByCycleAsync(id, status, cancellationToken));
            }

            found = all;
        }

        return found.Where(a => AccessPolicy.SeesApplication(UseCase.ListApplications, who, a)).OrderByDescending(a => a.SubmittedAt).ToList();
    }
}
