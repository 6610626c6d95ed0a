using System.Text;

namespace BrandFlow.Awards.AzureStorage.Tests;

public sealed class BlobDocumentStoreTests
{
    [Fact]
    public async Task SaveAsync_ThenRead_ReturnsTheLatestContent()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Documents.SaveAsync("payments/batch-1.csv", Encoding.UTF8.GetBytes("a,b"), "text/csv");
        await storage.Documents.SaveAsync("payments/batch-1.csv", Encoding.UTF8.GetBytes("收款人,金额"), "text/csv");

        Assert.Equal("收款人,金额", Encoding.UTF8.GetString((await storage.Documents.ReadAsync("payments/batch-1.csv"))!));
        Assert.Null(await storage.Documents.ReadAsync("payments/absent.csv"));
    }

    [Fact]
    public async Task SaveAsync_InvalidName_ThrowsBilingual()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => storage.Documents.SaveAsync("folder/", new byte[] { 1 }, "text/plain"));
        Assert.Contains("文档名称无效", error.Message, StringComparison.Ordinal);
    }
}
