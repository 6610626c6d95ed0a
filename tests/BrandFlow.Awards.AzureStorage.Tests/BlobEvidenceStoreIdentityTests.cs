using System.Net;
using System.Text;
using System.Web;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Time.Testing;

namespace BrandFlow.Awards.AzureStorage.Tests;

/// <summary>
/// Evidence links when the blob client has no account key (Azure with shared-key access off, a managed identity): the
/// SAS is signed with a user-delegation key the store asks Blob Storage for. Azurite issues such keys only with OAuth
/// over HTTPS, so the blob service here is the real SDK client over a recording transport that answers as Blob
/// Storage does; the tables are Azurite's.
/// </summary>
public sealed class BlobEvidenceStoreIdentityTests
{
    [Fact]
    public async Task WithoutAccountKey_SlotsAndReadLinks_AreSignedWithOneCachedUserDelegationKey()
    {
        var transport = new BlobServiceStand();
        var blobs = new BlobServiceClient(
            new Uri("https://stexample.blob.core.windows.net/"),
            new StaticToken(),
            new BlobClientOptions { Transport = new HttpClientTransport(new HttpClient(transport)), Retry = { MaxRetries = 0 } });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var storage = await AwardsStorage.CreateAsync(
            new TableServiceClient(AzuriteStorage.ConnectionString), blobs, new AwardsStorageOptions { Prefix = AzuriteStorage.UniquePrefix() }, clock);

        var first = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "证书.pdf");
        var second = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "证书2.pdf");
        var read = await storage.Evidence.CreateReadUrlAsync(first.FileId, TimeSpan.FromMinutes(5));

        var query = HttpUtility.ParseQueryString(first.UploadUrl.Query);
        Assert.Equal("stexample.blob.core.windows.net", first.UploadUrl.Host);
        Assert.Equal("cw", query["sp"]);
        Assert.Equal(BlobServiceStand.ObjectId, query["skoid"]);
        Assert.Equal(BlobServiceStand.TenantId, query["sktid"]);
        Assert.False(string.IsNullOrEmpty(query["sig"]));
        Assert.Equal("https", query["spr"]);
        Assert.Equal("r", HttpUtility.ParseQueryString(read.Query)["sp"]);
        Assert.NotEqual(first.UploadUrl, second.UploadUrl);

        // One key for all three links, asked for with the identity's bearer token, valid past the links' expiry.
        Assert.Equal(1, transport.DelegationKeyRequests);
        Assert.Equal("Bearer test-token", transport.DelegationKeyAuthorization);
        Assert.True(DateTimeOffset.Parse(query["ske"]!, System.Globalization.CultureInfo.InvariantCulture) >= first.ExpiresAt);
    }

    /// <summary>Answers the calls the store makes as Blob Storage would: container creation and user-delegation keys.</summary>
    private sealed class BlobServiceStand : HttpMessageHandler
    {
        public const string ObjectId = "11111111-2222-3333-4444-555555555555";
        public const string TenantId = "66666666-7777-8888-9999-000000000000";

        public int DelegationKeyRequests { get; private set; }

        public string? DelegationKeyAuthorization { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
            if (request.Method == HttpMethod.Post && query["comp"] == "userdelegationkey")
            {
                this.DelegationKeyRequests++;
                this.DelegationKeyAuthorization = request.Headers.Authorization?.ToString();
                var body = await request.Content!.ReadAsStringAsync(cancellationToken);
                var start = Between(body, "<Start>", "</Start>");
                var expiry = Between(body, "<Expiry>", "</Expiry>");
                var xml = $"""
                    <?xml version="1.0" encoding="utf-8"?><UserDelegationKey><SignedOid>{ObjectId}</SignedOid><SignedTid>{TenantId}</SignedTid><SignedStart>{start}</SignedStart><SignedExpiry>{expiry}</SignedExpiry><SignedService>b</SignedService><SignedVersion>2025-01-05</SignedVersion><Value>{Convert.ToBase64String(new byte[32])}</Value></UserDelegationKey>
                    """;
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(xml, Encoding.UTF8, "application/xml") };
            }

            if (request.Method == HttpMethod.Put && query["restype"] == "container")
            {
                return new HttpResponseMessage(HttpStatusCode.Created);
            }

            return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent($"unexpected {request.Method} {request.RequestUri}") };
        }

        private static string Between(string text, string open, string close)
        {
            var from = text.IndexOf(open, StringComparison.Ordinal) + open.Length;
            return text[from..text.IndexOf(close, from, StringComparison.Ordinal)];
        }
    }

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("test-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(this.GetToken(requestContext, cancellationToken));
    }
}
