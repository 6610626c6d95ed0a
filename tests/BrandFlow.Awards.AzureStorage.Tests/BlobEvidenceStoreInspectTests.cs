using System.Net;
using System.Security.Cryptography;
using Azure.Storage.Blobs;

namespace BrandFlow.Awards.AzureStorage.Tests;

public sealed class BlobEvidenceStoreInspectTests
{
    public static TheoryData<string, byte[], string> RefusedFiles => new()
    {
        { "证书.pdf", "just some text, not a document"u8.ToArray(), "wrong-type" },
        { "certificate.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0], "executable" },
        { "scan.png", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0], "executable" },
        { "empty.pdf", [], "empty" },
    };

    [Fact]
    public async Task InspectAsync_UploadedPdf_AcceptedWithTypeLengthAndSha256()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "名牌证书.pdf");
        var content = EvidenceHttp.Pdf();
        Assert.Equal(HttpStatusCode.Created, await EvidenceHttp.PutAsync(slot.UploadUrl, content));

        var check = await storage.Evidence.InspectAsync("FIRM-A", slot.FileId);
        var again = await storage.Evidence.InspectAsync("FIRM-A", slot.FileId);

        Assert.True(check.Accepted);
        Assert.Equal(new Model.EvidenceFile(slot.FileId, "certificate", "名牌证书.pdf", "application/pdf", content.Length, Convert.ToHexStringLower(SHA256.HashData(content))), check.File);
        Assert.Equal(check.File, again.File);
    }

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task InspectAsync_RefusedContent_RefusedBilingualAndBlobDeleted(string fileName, byte[] content, string code)
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", fileName);
        Assert.Equal(HttpStatusCode.Created, await EvidenceHttp.PutAsync(slot.UploadUrl, content));

        var check = await storage.Evidence.InspectAsync("FIRM-A", slot.FileId);

        Assert.False(check.Accepted);
        Assert.Equal(code, check.RefusalCode);
        Assert.Contains(fileName, check.MessageZh, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(check.MessageEn));
        Assert.False(await StagingExistsAsync(storage, slot.FileId));
    }

    [Fact]
    public async Task InspectAsync_Oversized_RefusedWithoutReadingItAndBlobDeleted()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "big.pdf");
        var content = new byte[(20 * 1024 * 1024) + 1];
        EvidenceHttp.Pdf().CopyTo(content, 0);
        Assert.Equal(HttpStatusCode.Created, await EvidenceHttp.PutAsync(slot.UploadUrl, content));

        var check = await storage.Evidence.InspectAsync("FIRM-A", slot.FileId);

        Assert.Equal("too-large", check.RefusalCode);
        Assert.False(await StagingExistsAsync(storage, slot.FileId));
    }

    [Fact]
    public async Task InspectAsync_OverTheConfiguredLimit_RefusedAsTooLarge()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync(o => o.MaxEvidenceLength = 40);
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "a.pdf");
        await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf());

        var check = await storage.Evidence.InspectAsync("FIRM-A", slot.FileId);

        Assert.Equal(40, slot.MaxLength);
        Assert.Equal("too-large", check.RefusalCode);
        Assert.False(await StagingExistsAsync(storage, slot.FileId));
    }

    [Fact]
    public async Task InspectAsync_ReuploadAfterRefusal_AcceptsTheNewContent()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "a.pdf");
        await EvidenceHttp.PutAsync(slot.UploadUrl, "MZ renamed program"u8.ToArray());
        Assert.Equal("executable", (await storage.Evidence.InspectAsync("FIRM-A", slot.FileId)).RefusalCode);

        await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf("fixed"));
        var check = await storage.Evidence.InspectAsync("FIRM-A", slot.FileId);

        Assert.True(check.Accepted);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(EvidenceHttp.Pdf("fixed"))), check.File!.Sha256);
    }

    [Fact]
    public async Task InspectAsync_RewrittenAfterInspection_InspectsTheNewVersion()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "a.pdf");
        await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf("one"));
        var first = await storage.Evidence.InspectAsync("FIRM-A", slot.FileId);

        await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf("two"));
        var second = await storage.Evidence.InspectAsync("FIRM-A", slot.FileId);

        Assert.NotEqual(first.File!.Sha256, second.File!.Sha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(EvidenceHttp.Pdf("two"))), second.File.Sha256);
    }

    [Fact]
    public async Task InspectAsync_FourConcurrentCalls_AgreeOnOneResult()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "a.pdf");
        await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf());

        var checks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => storage.Evidence.InspectAsync("FIRM-A", slot.FileId))));

        Assert.All(checks, c => Assert.True(c.Accepted));
        Assert.Single(checks.Select(c => c.File).Distinct());
    }

    internal static async Task<bool> StagingExistsAsync(AwardsStorage storage, string fileId) =>
        (await new BlobContainerClient(AzuriteStorage.ConnectionString, storage.Options.StagingContainer).GetBlobClient(fileId).ExistsAsync()).Value;
}
