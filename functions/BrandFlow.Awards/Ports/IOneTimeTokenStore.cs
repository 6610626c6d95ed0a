namespace BrandFlow.Awards.Ports;

/// <summary>Remembers used one-time tokens (sign-in links, decision links) so each works once.</summary>
public interface IOneTimeTokenStore
{
    /// <summary>Marks the token id used; false when it was already used.</summary>
    Task<bool> TryConsumeAsync(string tokenId, string usedBy, DateTimeOffset at, CancellationToken cancellationToken = default);
}
