using System.Net;
using System.Web;
using Azure.Storage.Blobs;

namespace BrandFlow.Awards.AzureStorage.Tests;

public sealed class BlobEvidenceStoreSlotTests
{
    [Fact]
    public async Task CreateUploadSlotAsync_Sas_AllowsCreateAndWriteOnly()
    {
        var (storage, clock) = await AzuriteStorage.CreateAsync();
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "证书.pdf");

        Assert.Equal("cw", HttpUtility.ParseQueryString(slot.UploadUrl.Query)["sp"]);
        Assert.Equal(clock.GetUtcNow().AddMinutes(10), slot.ExpiresAt);
        Assert.Equal(HttpStatusCode.Created, await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf()));
        Assert.Equal(HttpStatusCode.Forbidden, await EvidenceHttp.SendAsync(HttpMethod.Get, slot.UploadUrl));
        Assert.Equal(HttpStatusCode.Forbidden, await EvidenceHttp.SendAsync(HttpMethod.Delete, slot.UploadUrl));
        var listUrl = new Uri($"{slot.UploadUrl.GetLeftPart(UriPartial.Path)[..slot.UploadUrl.GetLeftPart(UriPartial.Path).LastIndexOf('/')]}{slot.UploadUrl.Query}&restype=container&comp=list");
        Assert.Equal(HttpStatusCode.Forbidden, await EvidenceHttp.SendAsync(HttpMethod.Get, listUrl));

        var blob = new BlobContainerClient(AzuriteStorage.ConnectionString, storage.Options.StagingContainer).GetBlobClient(slot.FileId);
        Assert.Equal(EvidenceHttp.Pdf(), (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task CreateUploadSlotAsync_SlotExpired_PutRefused()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync(now: DateTimeOffset.UtcNow.AddMinutes(-11));
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "late.pdf");

        Assert.Equal(HttpStatusCode.Forbidden, await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf()));
    }

    [Fact]
    public async Task CreateUploadSlotAsync_EachSlot_HasItsOwnBlob()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var a = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "a.pdf");
        var b = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "a.pdf");

        Assert.NotEqual(a.FileId, b.FileId);
        Assert.Equal(32, a.FileId.Length);
        var otherBlob = new Uri(a.UploadUrl.GetLeftPart(UriPartial.Path).Replace(a.FileId, b.FileId, StringComparison.Ordinal) + a.UploadUrl.Query);
        Assert.Equal(HttpStatusCode.Forbidden, await EvidenceHttp.PutAsync(otherBlob, EvidenceHttp.Pdf()));
    }

    [Fact]
    public async Task CreateUploadSlotAsync_BadFileName_ThrowsBilingual()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "bad\nname.pdf"));
        Assert.Contains("文件名无效", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid file name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_AnotherFirmsOrUnknownFile_RefusedAndBlobKept()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "a.pdf");
        Assert.Equal(HttpStatusCode.Created, await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf()));

        var other = await storage.Evidence.InspectAsync("FIRM-B", slot.FileId);
        var unknown = await storage.Evidence.InspectAsync("FIRM-A", "0123456789abcdef0123456789abcdef");

        Assert.Equal("unknown-file", other.RefusalCode);
        Assert.Equal("unknown-file", unknown.RefusalCode);
        Assert.False(other.Accepted);
        Assert.Equal(other.MessageEn, unknown.MessageEn);
        var blob = new BlobContainerClient(AzuriteStorage.ConnectionString, storage.Options.StagingContainer).GetBlobClient(slot.FileId);
        Assert.True((await blob.ExistsAsync()).Value);
    }

    [Fact]
    public async Task InspectAsync_NothingUploaded_RefusedAsNotUploaded()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "营业执照.pdf");

        var check = await storage.Evidence.InspectAsync("FIRM-A", slot.FileId);

        Assert.Equal("not-uploaded", check.RefusalCode);
        Assert.Contains("营业执照.pdf", check.MessageZh, StringComparison.Ordinal);
        Assert.Contains("not been uploaded", check.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateReadUrlAsync_Unsealed_ReadsStagingAndCannotWrite()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "a.pdf");
        await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf("staged"));

        var read = await storage.Evidence.CreateReadUrlAsync(slot.FileId, TimeSpan.FromMinutes(5));

        Assert.Equal("r", HttpUtility.ParseQueryString(read.Query)["sp"]);
        Assert.Equal(EvidenceHttp.Pdf("staged"), await EvidenceHttp.GetAsync(read));
        Assert.Equal(HttpStatusCode.Forbidden, await EvidenceHttp.PutAsync(read, EvidenceHttp.Pdf("overwrite")));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => storage.Evidence.CreateReadUrlAsync("absent", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task ConfigureCorsAsync_AllowedOrigin_PreflightForPutSucceeds()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Evidence.ConfigureCorsAsync(["https://apply.example.cn", "http://localhost:5000/"]);
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "a.pdf");

        using var allowed = Preflight(slot.UploadUrl, "http://localhost:5000");
        using var allowedResponse = await EvidenceHttp.Client.SendAsync(allowed);
        using var denied = Preflight(slot.UploadUrl, "https://evil.example");
        using var deniedResponse = await EvidenceHttp.Client.SendAsync(denied);

        Assert.Equal(HttpStatusCode.OK, allowedResponse.StatusCode);
        Assert.Equal("http://localhost:5000", allowedResponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.NotEqual(HttpStatusCode.OK, deniedResponse.StatusCode);
        var rules = (await new BlobServiceClient(AzuriteStorage.ConnectionString).GetPropertiesAsync()).Value.Cors;
        Assert.Contains("x-ms-blob-type", Assert.Single(rules).AllowedHeaders, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => storage.Evidence.ConfigureCorsAsync([]));
    }

    [Fact]
    public async Task DeleteAbandonedUploadsAsync_OldUnsealedSlots_RemovedWithTheirBlobs()
    {
        var (storage, clock) = await AzuriteStorage.CreateAsync();
        var old = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "old.pdf");
        await EvidenceHttp.PutAsync(old.UploadUrl, EvidenceHttp.Pdf());
        var oldEmpty = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "never.pdf");
        clock.Advance(TimeSpan.FromHours(25));
        var fresh = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "fresh.pdf");
        var container = new BlobContainerClient(AzuriteStorage.ConnectionString, storage.Options.StagingContainer);
        await container.GetBlobClient(fresh.FileId).UploadAsync(BinaryData.FromBytes(EvidenceHttp.Pdf()));

        var removed = await storage.Evidence.DeleteAbandonedUploadsAsync(TimeSpan.FromHours(24));

        Assert.Equal(2, removed);
        Assert.False((await container.GetBlobClient(old.FileId).ExistsAsync()).Value);
        Assert.Equal("unknown-file", (await storage.Evidence.InspectAsync("FIRM-A", old.FileId)).RefusalCode);
        Assert.Equal("unknown-file", (await storage.Evidence.InspectAsync("FIRM-A", oldEmpty.FileId)).RefusalCode);
        Assert.True((await container.GetBlobClient(fresh.FileId).ExistsAsync()).Value);
    }

    private static HttpRequestMessage Preflight(Uri url, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "x-ms-blob-type,content-type");
        return request;
    }
}
