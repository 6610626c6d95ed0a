namespace BrandFlow.Awards.Ports;

/// <summary>Who first claimed a file hash or an identifier (patent, certificate, standard number).</summary>
public sealed record ClaimOwner(string Key, string CreditCode, string ApplicationId);

/// <summary>
/// Registry of claimed evidence hashes and identifiers, so the same file or number claimed by another firm or
/// another application is flagged. Keys look like "sha256:{hex}" or "id:{normalised identifier}".
/// </summary>
public interface IClaimRegistry
{
    /// <summary>Registers the key for the application unless already registered; returns the first owner (possibly this one).</summary>
    Task<ClaimOwner> ClaimAsync(string key, string creditCode, string applicationId, CancellationToken cancellationToken = default);

    /// <summary>Releases the keys an application holds (when it lapses, is rejected or withdrawn).</summary>
    Task ReleaseAsync(string applicationId, IReadOnlyList<string> keys, CancellationToken cancellationToken = default);
}
