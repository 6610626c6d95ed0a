namespace BrandFlow.Awards.Access;

/// <summary>What a signed link allows: one action on one subject, for one recipient, until it expires.</summary>
/// <param name="TokenId">Unique id (one-time use is tracked by it).</param>
/// <param name="Purpose">sign-in | review-decision | ... (a token for one purpose never works for another).</param>
/// <param name="Subject">What it acts on: e.g. "{applicationId}/{departmentId}/{round}".</param>
/// <param name="Recipient">Email of the only person allowed to use it (lower case).</param>
/// <param name="Action">approve | reject | request-information | sign-in ...</param>
/// <param name="ExpiresAt">Expiry instant (UTC).</param>
public sealed record LinkClaims(string TokenId, string Purpose, string Subject, string Recipient, string Action, DateTimeOffset ExpiresAt);

/// <summary>Why a link was refused.</summary>
public enum LinkFailure
{
    /// <summary>Not a token, or its signature does not match (tampered).</summary>
    Tampered,

    /// <summary>Past its expiry.</summary>
    Expired,

    /// <summary>Issued for another purpose.</summary>
    WrongPurpose,
}

/// <summary>
/// HMAC-SHA256 signed, URL-safe tokens for email links. The token carries its claims; the signature covers them.
/// One-time use and the recipient check happen where the link is used (the token store and the signed-in person).
/// </summary>
public sealed class SignedLinks(byte[] key, TimeProvider clock)
{
    private readonly byte[] key = key;
    private readonly TimeProvider clock = clock;

    /// <summary>Creates a token for the claims.</summary>
    public string Create(LinkClaims claims) => throw new NotImplementedException();

    /// <summary>Reads and verifies a token for a purpose; returns the claims or the failure.</summary>
    public (LinkClaims? Claims, LinkFailure? Failure) Validate(string token, string purpose) => throw new NotImplementedException();
}
