using BrandFlow.Awards.Ports;
using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>Gives an application's claimed hashes and identifiers back (lapsed, rejected or withdrawn).</summary>
public sealed class ReleaseClaimsActivity(IClaimRegistry claims) : TaskActivity<ClaimRelease, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, ClaimRelease input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await claims.ReleaseAsync(input.ApplicationId, input.Keys, CancellationToken.None);
        return true;
    }
}
