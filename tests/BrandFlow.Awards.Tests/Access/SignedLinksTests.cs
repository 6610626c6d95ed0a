using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using BrandFlow.Awards.Access;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Awards.Tests.Access;

public class SignedLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private readonly byte[] key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly FakeTimeProvider clock = new(Now);

    private static LinkClaims Claims(DateTimeOffset? expiresAt = null, string purpose = LinkPurposes.ReviewDecision) =>
        new("tok-1", purpose, "app-1/dept-ip/1", "reviewer@example.gov.cn", "approve", expiresAt ?? Now.AddDays(3));

    private SignedLinks Links() => new(key, clock);

    [Fact]
    public void Validate_FreshToken_ReturnsSameClaims()
    {
        LinkClaims claims = Claims();
        string token = Links().Create(claims);

        (LinkClaims? read, LinkFailure? failure) = Links().Validate(token, LinkPurposes.ReviewDecision);

        Assert.Null(failure);
        Assert.Equal(claims, read);
    }

    [Fact]
    public void Create_Token_IsUrlSafeWithTwoParts()
    {
        string token = Links().Create(Claims() with { Subject = "申请/？&=+/ 空格" });

        string[] parts = token.Split('.');
        Assert.Equal(2, parts.Length);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.', $"unexpected '{c}'"));
        Assert.Equal(Uri.EscapeDataString(token), token);
    }

    [Fact]
    public void Validate_UnicodeAndSeparatorsInClaims_RoundTrip()
    {
        LinkClaims claims = Claims() with { Subject = "a.b\"c,[d]\n申请", Action = "request-information" };

        (LinkClaims? read, _) = Links().Validate(Links().Create(claims), LinkPurposes.ReviewDecision);

        Assert.Equal(claims, read);
    }

    [Fact]
    public void Validate_ExpiryWithOffset_ReturnsSameInstantInUtc()
    {
        var expires = new DateTimeOffset(2026, 3, 5, 17, 30, 0, TimeSpan.FromHours(8)).AddTicks(7);

        (LinkClaims? read, _) = Links().Validate(Links().Create(Claims(expires)), LinkPurposes.ReviewDecision);

        Assert.Equal(expires.UtcTicks, read!.ExpiresAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, read.ExpiresAt.Offset);
    }

    [Fact]
    public void Validate_EveryCharacterChanged_Tampered()
    {
        string token = Links().Create(Claims());
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

        for (int i = 0; i < token.Length; i++)
        {
            char replacement = alphabet[(alphabet.IndexOf(token[i], StringComparison.Ordinal) + 1) % alphabet.Length];
            string altered = string.Concat(token.AsSpan(0, i), replacement.ToString(), token.AsSpan(i + 1));

            (LinkClaims? read, LinkFailure? failure) = Links().Validate(altered, LinkPurposes.ReviewDecision);

            Assert.Null(read);
            Assert.Equal(LinkFailure.Tampered, failure);
        }
    }

    [Fact]
    public void Validate_PayloadByteFlippedAndReencoded_Tampered()
    {
        string token = Links().Create(Claims());
        string[] parts = token.Split('.');
        byte[] payload = Base64Url.DecodeFromChars(parts[0]);
        string json = Encoding.UTF8.GetString(payload).Replace("approve", "reject", StringComparison.Ordinal);
        string forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json)) + "." + parts[1];

        Assert.Equal(LinkFailure.Tampered, Links().Validate(forged, LinkPurposes.ReviewDecision).Failure);
    }

    [Fact]
    public void Validate_SignedWithOtherKey_Tampered()
    {
        byte[] otherKey = (byte[])key.Clone();
        otherKey[0] ^= 1;
        string token = new SignedLinks(otherKey, clock).Create(Claims());

        Assert.Equal(LinkFailure.Tampered, Links().Validate(token, LinkPurposes.ReviewDecision).Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.")]
    [InlineData(".abc")]
    [InlineData("a.b.c")]
    [InlineData("!!!.###")]
    public void Validate_Malformed_Tampered(string token)
    {
        Assert.Equal(LinkFailure.Tampered, Links().Validate(token, LinkPurposes.ReviewDecision).Failure);
    }

    [Fact]
    public void Validate_Null_Tampered()
    {
        Assert.Equal(LinkFailure.Tampered, Links().Validate(null!, LinkPurposes.ReviewDecision).Failure);
    }

    [Fact]
    public void Validate_TooLong_Tampered()
    {
        string token = Links().Create(Claims() with { Subject = new string('x', SignedLinks.MaxTokenLength) });

        Assert.Equal(LinkFailure.Tampered, Links().Validate(token, LinkPurposes.ReviewDecision).Failure);
    }

    [Fact]
    public void Validate_SignedButNotClaims_Tampered()
    {
        // A correctly signed payload of the wrong shape (as only the key holder could make) is still refused.
        foreach (string json in new[] { "{}", "[2,\"a\",\"b\",\"c\",\"d\",\"e\",1]", "[1,\"a\",null,\"c\",\"d\",\"e\",1]", "[1,\"a\"]", "not json" })
        {
            string payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
            string signature = Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)));

            Assert.Equal(LinkFailure.Tampered, Links().Validate(payload + "." + signature, LinkPurposes.ReviewDecision).Failure);
        }
    }

    [Fact]
    public void Validate_OtherPurpose_WrongPurpose()
    {
        string token = Links().Create(Claims(purpose: LinkPurposes.SignIn));

        (LinkClaims? read, LinkFailure? failure) = Links().Validate(token, LinkPurposes.ReviewDecision);

        Assert.Null(read);
        Assert.Equal(LinkFailure.WrongPurpose, failure);
    }

    [Fact]
    public void Validate_PurposeDiffersInCase_WrongPurpose()
    {
        string token = Links().Create(Claims(purpose: "Review-Decision"));

        Assert.Equal(LinkFailure.WrongPurpose, Links().Validate(token, LinkPurposes.ReviewDecision).Failure);
    }

    [Fact]
    public void Validate_OneTickBeforeExpiry_Valid()
    {
        string token = Links().Create(Claims(Now.AddHours(1)));
        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));

        Assert.Null(Links().Validate(token, LinkPurposes.ReviewDecision).Failure);
    }

    [Fact]
    public void Validate_AtExpiry_Expired()
    {
        string token = Links().Create(Claims(Now.AddHours(1)));
        clock.Advance(TimeSpan.FromHours(1));

        (LinkClaims? read, LinkFailure? failure) = Links().Validate(token, LinkPurposes.ReviewDecision);

        Assert.Null(read);
        Assert.Equal(LinkFailure.Expired, failure);
    }

    [Fact]
    public void Validate_ExpiredAndTampered_Tampered()
    {
        string token = Links().Create(Claims(Now.AddHours(-1)));

        Assert.Equal(LinkFailure.Tampered, Links().Validate(token + "A", LinkPurposes.ReviewDecision).Failure);
    }

    [Fact]
    public void Constructor_ShortKey_ThrowsBilingual()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SignedLinks(new byte[31], clock));

        Assert.Contains("32", ex.Message, StringComparison.Ordinal);
        Assert.Contains("密钥", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_KeyChangedAfterwards_TokensUnaffected()
    {
        byte[] mutable = (byte[])key.Clone();
        var links = new SignedLinks(mutable, clock);
        string token = links.Create(Claims());
        mutable[0] ^= 0xFF;

        Assert.Null(links.Validate(token, LinkPurposes.ReviewDecision).Failure);
    }

    [Fact]
    public void Create_SameClaims_SameToken()
    {
        Assert.Equal(Links().Create(Claims()), Links().Create(Claims()));
    }
}
