using System.Net;
using System.Web;
using Azure.Storage.Blobs;
using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.AzureStorage.Tests;

public sealed class BlobEvidenceStoreSealTests
{
    [Fact]
    public async Task SealAsync_WriteSasUsedAfterSealing_SealedContentUnchanged()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var (slot, file) = await UploadAsync(storage, "original");

        await storage.Evidence.SealAsync("app-1", [file]);
        Assert.False(await BlobEvidenceStoreInspectTests.StagingExistsAsync(storage, slot.FileId));
        await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf("tampered after submission"));

        var read = await storage.Evidence.CreateReadUrlAsync(slot.FileId, TimeSpan.FromMinutes(5));
        Assert.Equal(EvidenceHttp.Pdf("original"), await EvidenceHttp.GetAsync(read));
        Assert.Equal("r", HttpUtility.ParseQueryString(read.Query)["sp"]);
        Assert.Contains(storage.Options.SealedContainer, read.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, await EvidenceHttp.PutAsync(read, EvidenceHttp.Pdf("through the read url")));
        Assert.Equal(file, (await storage.Evidence.InspectAsync("FIRM-A", slot.FileId)).File);
        var sealedBlob = new BlobContainerClient(AzuriteStorage.ConnectionString, storage.Options.SealedContainer).GetBlobClient(slot.FileId);
        var metadata = (await sealedBlob.GetPropertiesAsync()).Value.Metadata;
        Assert.Equal("app-1", metadata["applicationid"]);
        Assert.Equal(file.Sha256, metadata["sha256"]);
    }

    [Fact]
    public async Task SealAsync_Twice_IsIdempotent()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var (_, one) = await UploadAsync(storage, "one");
        var (_, two) = await UploadAsync(storage, "two");

        await storage.Evidence.SealAsync("app-1", [one, two]);
        await storage.Evidence.SealAsync("app-1", [one, two, one]);

        var sealedBlobs = new BlobContainerClient(AzuriteStorage.ConnectionString, storage.Options.SealedContainer).GetBlobs().Select(b => b.Name).Order();
        Assert.Equal(new[] { one.FileId, two.FileId }.Order(), sealedBlobs);
        Assert.Equal(EvidenceHttp.Pdf("two"), await EvidenceHttp.GetAsync(await storage.Evidence.CreateReadUrlAsync(two.FileId, TimeSpan.FromMinutes(1))));
    }

    [Fact]
    public async Task SealAsync_FileRewrittenAfterInspection_ThrowsAndSealsNothing()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var (_, good) = await UploadAsync(storage, "good");
        var (slot, changed) = await UploadAsync(storage, "inspected");
        await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf("swapped before submission"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.Evidence.SealAsync("app-1", [good, changed]));

        Assert.Contains("changed or vanished", error.Message, StringComparison.Ordinal);
        Assert.Empty(new BlobContainerClient(AzuriteStorage.ConnectionString, storage.Options.SealedContainer).GetBlobs());
    }

    [Fact]
    public async Task SealAsync_FileNeverInspectedOrOtherHash_Throws()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", "raw.pdf");
        await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf());
        var (_, inspected) = await UploadAsync(storage, "ok");
        var claimed = new EvidenceFile(slot.FileId, "certificate", "raw.pdf", "application/pdf", 10, new string('0', 64));

        await Assert.ThrowsAsync<InvalidOperationException>(() => storage.Evidence.SealAsync("app-1", [claimed]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => storage.Evidence.SealAsync("app-1", [inspected with { Sha256 = new string('1', 64) }]));
        Assert.Empty(new BlobContainerClient(AzuriteStorage.ConnectionString, storage.Options.SealedContainer).GetBlobs());
    }

    [Fact]
    public async Task DeleteAbandonedUploadsAsync_LeftoverAfterSealing_RemovedSealedKept()
    {
        var (storage, clock) = await AzuriteStorage.CreateAsync();
        var (slot, file) = await UploadAsync(storage, "kept");
        await storage.Evidence.SealAsync("app-1", [file]);
        await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf("leftover"));
        clock.Advance(TimeSpan.FromHours(48));

        var removed = await storage.Evidence.DeleteAbandonedUploadsAsync(TimeSpan.FromHours(24));

        Assert.Equal(1, removed);
        Assert.False(await BlobEvidenceStoreInspectTests.StagingExistsAsync(storage, slot.FileId));
        Assert.Equal(EvidenceHttp.Pdf("kept"), await EvidenceHttp.GetAsync(await storage.Evidence.CreateReadUrlAsync(slot.FileId, TimeSpan.FromMinutes(1))));
    }

    [Fact]
    public async Task SealAsync_CrashAfterCopyAndStagingDelete_RetryCompletes()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var (slot, file) = await UploadAsync(storage, "copied");
        var staging = new BlobContainerClient(AzuriteStorage.ConnectionString, storage.Options.StagingContainer).GetBlobClient(slot.FileId);
        var target = new BlobContainerClient(AzuriteStorage.ConnectionString, storage.Options.SealedContainer).GetBlobClient(slot.FileId);
        await (await target.StartCopyFromUriAsync(staging.Uri)).WaitForCompletionAsync(); // what the crashed run did
        await staging.DeleteAsync();

        await storage.Evidence.SealAsync("app-1", [file]);

        Assert.Equal(EvidenceHttp.Pdf("copied"), await EvidenceHttp.GetAsync(await storage.Evidence.CreateReadUrlAsync(slot.FileId, TimeSpan.FromMinutes(1))));
        Assert.Equal(file, (await storage.Evidence.InspectAsync("FIRM-A", slot.FileId)).File);
    }

    private static async Task<(Ports.UploadSlot Slot, EvidenceFile File)> UploadAsync(AwardsStorage storage, string text)
    {
        var slot = await storage.Evidence.CreateUploadSlotAsync("FIRM-A", "certificate", text + ".pdf");
        Assert.Equal(HttpStatusCode.Created, await EvidenceHttp.PutAsync(slot.UploadUrl, EvidenceHttp.Pdf(text)));
        var check = await storage.Evidence.InspectAsync("FIRM-A", slot.FileId);
        Assert.True(check.Accepted, check.MessageEn);
        return (slot, check.File!);
    }
}
