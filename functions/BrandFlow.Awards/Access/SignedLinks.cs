using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

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

/// <summary>Well-known link purposes.</summary>
public static class LinkPurposes
{
    /// <summary>Sign-in by emailed one-time link.</summary>
    public const string SignIn = "sign-in";

    /// <summary>A reviewer's decision link.</summary>
    public const string ReviewDecision = "review-decision";
}

/// <summary>
/// HMAC-SHA256 signed, URL-safe tokens for email links. The token carries its claims; the signature covers them.
/// One-time use and the recipient check happen where the link is used (the token store and the signed-in person).
/// </summary>
/// <remarks>
/// Token format: <c>base64url(payload) "." base64url(HMAC-SHA256(key, ASCII of the first part))</c>, where the payload
/// is the UTF-8 JSON array <c>[1, tokenId, purpose, subject, recipient, action, expiresAtUtcTicks]</c>. The signature
/// covers the encoded text itself, so changing any character of the token makes it invalid. A token is valid while
/// the clock is strictly before <see cref="LinkClaims.ExpiresAt"/>.
/// </remarks>
public sealed class SignedLinks(byte[] key, TimeProvider clock)
{
    /// <summary>Shortest accepted key, in bytes (the HMAC-SHA256 block-strength recommendation).</summary>
    public const int MinKeyLength = 32;

    /// <summary>Longest token accepted for validation; anything longer is refused unread.</summary>
    public const int MaxTokenLength = 4096;

    private const int FormatVersion = 1;

    private readonly byte[] key = CheckedKey(key);
    private readonly TimeProvider clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>Creates a token for the claims.</summary>
    public string Create(LinkClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentException.ThrowIfNullOrEmpty(claims.TokenId);
        ArgumentException.ThrowIfNullOrEmpty(claims.Purpose);
        ArgumentNullException.ThrowIfNull(claims.Subject);
        ArgumentNullException.ThrowIfNull(claims.Recipient);
        ArgumentNullException.ThrowIfNull(claims.Action);

        string payload = Base64Url.EncodeToString(Serialize(claims));
        return string.Concat(payload, ".", Sign(payload));
    }

    /// <summary>Reads and verifies a token for a purpose; returns the claims or the failure.</summary>
    public (LinkClaims? Claims, LinkFailure? Failure) Validate(string token, string purpose)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return (null, LinkFailure.Tampered);
        }

        int dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.') || dot == token.Length - 1)
        {
            return (null, LinkFailure.Tampered);
        }

        string payload = token[..dot];
        byte[] expected = Encoding.ASCII.GetBytes(Sign(payload));
        byte[] given = Encoding.UTF8.GetBytes(token[(dot + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return (null, LinkFailure.Tampered);
        }

        LinkClaims? claims = Deserialize(payload);
        if (claims is null)
        {
            return (null, LinkFailure.Tampered);
        }

        if (!string.Equals(claims.Purpose, purpose, StringComparison.Ordinal))
        {
            return (null, LinkFailure.WrongPurpose);
        }

        return clock.GetUtcNow() >= claims.ExpiresAt ? (null, LinkFailure.Expired) : (claims, null);
    }

    private static byte[] CheckedKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinKeyLength)
        {
            throw new ArgumentException(
                $"链接签名密钥至少需要 {MinKeyLength} 字节 / the link signing key must be at least {MinKeyLength} bytes",
                nameof(key));
        }

        return (byte[])key.Clone();
    }

    private string Sign(string encodedPayload) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(encodedPayload)));

    private static byte[] Serialize(LinkClaims claims)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(FormatVersion);
            writer.WriteStringValue(claims.TokenId);
            writer.WriteStringValue(claims.Purpose);
            writer.WriteStringValue(claims.Subject);
            writer.WriteStringValue(claims.Recipient);
            writer.WriteStringValue(claims.Action);
            writer.WriteNumberValue(claims.ExpiresAt.UtcTicks);
            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    // Only reached for signed payloads; still defensive, any surprise is reported as a bad token.
    private static LinkClaims? Deserialize(string encodedPayload)
    {
        try
        {
            byte[] json = Base64Url.DecodeFromChars(encodedPayload);
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 7 || root[0].GetInt32() != FormatVersion)
            {
                return null;
            }

            string?[] texts = [Text(root[1]), Text(root[2]), Text(root[3]), Text(root[4]), Text(root[5])];
            if (Array.Exists(texts, t => t is null))
            {
                return null;
            }

            var expiresAt = new DateTimeOffset(root[6].GetInt64(), TimeSpan.Zero);
            return new LinkClaims(texts[0]!, texts[1]!, texts[2]!, texts[3]!, texts[4]!, expiresAt);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;
}
