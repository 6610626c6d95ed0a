using BrandFlow.Durable;

namespace BrandFlow.Awards.Workflow;

/// <summary>Gives an application's claimed hashes and identifiers back (lapsed, rejected or withdrawn).</summary>
public sealed class ReleaseClaimsActivity(AwardEnvironment env) : AwardActivity<ClaimRelease, bool>(env)
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, ClaimRelease input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await Env.Claims.ReleaseAsync(input.ApplicationId, input.Keys, context.CancellationToken);
        return true;
    }
}
