using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Claims;

/// <summary>The calculator's estimate for the actor's firm under a cycle (no side effect).</summary>
public sealed class PreviewEstimateHandler
{
    private readonly AwardsContext context;
    private readonly ClaimChecks claims;

    /// <summary>Creates the handler.</summary>
    public PreviewEstimateHandler(AwardsContext context)
    {
        this.context = context ?? throw new ArgumentNullException(nameof(context));
        this.claims = new ClaimChecks(context);
    }

    /// <summary>The calculator's estimate for the actor's firm under a cycle (no side effect).</summary>
    public async Task<EstimateResult> HandleAsync(UserAccount? actor, ClaimsRequest request, CancellationToken cancellationToken = default)
    {
        var (_, firm) = await this.context.ApplicantFirmAsync(UseCase.PreviewEstimate, actor, cancellationToken);
        ArgumentNullException.ThrowIfNull(request);
        var cycle = await this.claims.CycleForFirmAsync(UseCase.PreviewEstimate, request.CycleId, firm, cancellationToken);
        ClaimChecks.ValidateClaimShapes(request.Claims);
        return new EstimateResult(cycle.Definition.CycleId, firm.CreditCode, await this.claims.EvaluateAsync(cycle.Definition, firm, request.Claims, cancellationToken));
    }
}
