using System.Collections.Concurrent;
using BrandFlow.Awards.Ports;

namespace BrandFlow.Awards.InMemory;

/// <summary>Used one-time tokens in process memory.</summary>
public sealed class InMemoryOneTimeTokenStore : IOneTimeTokenStore
{
    private readonly ConcurrentDictionary<string, (string UsedBy, DateTimeOffset At)> used = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<bool> TryConsumeAsync(string tokenId, string usedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Task.FromResult(used.TryAdd(tokenId, (usedBy, at)));
}
