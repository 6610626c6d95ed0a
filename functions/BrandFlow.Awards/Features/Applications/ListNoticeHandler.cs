using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Applications;

/// <summary>The published list of a cycle during its notice: visible to anyone signed in.</summary>
public sealed class ListNoticeHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public ListNoticeHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>The approved awards of the cycle's applications in public notice.</summary>
    public async Task<IReadOnlyList<NoticeLine>> HandleAsync(UserAccount? actor, string cycleId, CancellationToken cancellationToken = default)
    {
        AccessPolicy.Authorize(UseCase.ListNotice, actor);
        var cycle = await this.context.ExistingCycleAsync(cycleId, cancellationToken);
        var listed = await this.context.Ports.Applications.ListByCycleAsync(cycleId, ApplicationStatus.InPublicNotice, cancellationToken);
        return listed.SelectMany(a => a.Awards.Where(l => l.State == "approved" && l.ApprovedAmount > 0)
                .Select(l => new NoticeLine(a.ApplicationId, a.Firm.Name, a.Firm.CreditCode, l.AwardId, l.ClauseId, l.ApprovedAmount!.Value, cycle.NoticeEndsOn)))
            .ToList();
    }
}
