using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Features.Cycles;

/// <summary>Cycles a signed-in person may see: applicants those of their firm's jurisdiction chain, staff all.</summary>
public sealed class ListCyclesHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public ListCyclesHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>The cycles the actor may see.</summary>
    public Task<IReadOnlyList<CycleRecord>> HandleAsync(UserAccount? actor, CancellationToken cancellationToken = default) =>
        this.VisibleAsync(UseCase.ListCycles, actor, cancellationToken);

    /// <summary>The cycles the actor may see, under the rule of a use case that shows cycles (the list, one cycle).</summary>
    internal async Task<IReadOnlyList<CycleRecord>> VisibleAsync(UseCase useCase, UserAccount? actor, CancellationToken cancellationToken)
    {
        var who = AccessPolicy.Authorize(useCase, actor);
        var cycles = await this.context.Ports.Applications.ListCyclesAsync(cancellationToken);
        if (AccessPolicy.SeesAll(useCase, who))
        {
            return cycles;
        }

        var chain = await this.ApplicantChainAsync(who, cancellationToken);
        return cycles.Where(c => AccessPolicy.SeesCycle(useCase, chain, c)).ToList();
    }

    private async Task<IReadOnlySet<string>> ApplicantChainAsync(UserAccount who, CancellationToken cancellationToken)
    {
        var firm = who.CreditCode is { Length: > 0 } code ? await this.context.Ports.Directory.GetFirmAsync(code, cancellationToken) : null;
        return firm is null ? new HashSet<string>() : this.context.Chain(firm);
    }
}
