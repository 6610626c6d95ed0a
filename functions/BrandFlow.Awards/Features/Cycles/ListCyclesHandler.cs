using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Cycles;

/// <summary>Cycles a signed-in person may see: applicants those of their firm's jurisdiction chain, staff all.</summary>
public sealed class ListCyclesHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public ListCyclesHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>The cycles the actor may see.</summary>
    public async Task<IReadOnlyList<CycleRecord>> HandleAsync(UserAccount? actor, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.SignedIn(actor);
        var cycles = await this.context.Ports.Applications.ListCyclesAsync(cancellationToken);
        if (AccessRules.IsStaff(who))
        {
            return cycles;
        }

        var chain = await this.ApplicantChainAsync(who, cancellationToken);
        return cycles.Where(c => chain.Contains(c.Definition.Jurisdiction)).ToList();
    }

    private async Task<IReadOnlySet<string>> ApplicantChainAsync(UserAccount who, CancellationToken cancellationToken)
    {
        var firm = who.CreditCode is { Length: > 0 } code ? await this.context.Ports.Directory.GetFirmAsync(code, cancellationToken) : null;
        return firm is null ? new HashSet<string>() : this.context.Catalog.Chain(firm.Jurisdiction).Select(j => j.Code).ToHashSet(StringComparer.Ordinal);
    }
}
