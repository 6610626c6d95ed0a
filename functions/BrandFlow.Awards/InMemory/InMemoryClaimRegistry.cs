using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.InMemory;

/// <summary>Claimed hashes and identifiers in process memory: the first claimant keeps a key until it releases it.</summary>
public sealed class InMemoryClaimRegistry : IClaimRegistry
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ClaimOwner> owners = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<ClaimOwner> ClaimAsync(string key, string creditCode, string applicationId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!owners.TryGetValue(key, out var owner))
            {
                owner = new ClaimOwner(key, creditCode, applicationId);
                owners[key] = owner;
            }

            return Task.FromResult(owner);
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string applicationId, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (gate)
        {
            foreach (var key in keys)
            {
                if (owners.TryGetValue(key, out var owner) && owner.ApplicationId == applicationId)
                {
                    owners.Remove(key);
                }
            }
        }

        return Task.CompletedTask;
    }
}
