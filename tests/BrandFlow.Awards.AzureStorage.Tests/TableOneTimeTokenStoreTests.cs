namespace BrandFlow.Awards.AzureStorage.Tests;

public sealed class TableOneTimeTokenStoreTests
{
    [Fact]
    public async Task TryConsumeAsync_SecondUse_IsRefused()
    {
        var (storage, clock) = await AzuriteStorage.CreateAsync();

        Assert.True(await storage.Tokens.TryConsumeAsync("tok/1+=", "a@x.example", clock.GetUtcNow()));
        Assert.False(await storage.Tokens.TryConsumeAsync("tok/1+=", "b@x.example", clock.GetUtcNow()));
        Assert.True(await storage.Tokens.TryConsumeAsync("tok/2+=", "a@x.example", clock.GetUtcNow()));
    }

    [Fact]
    public async Task TryConsumeAsync_EightConcurrentUses_ExactlyOneSucceeds()
    {
        var (storage, clock) = await AzuriteStorage.CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => storage.Tokens.TryConsumeAsync("t", $"u{i}", clock.GetUtcNow()))));

        Assert.Equal(1, results.Count(r => r));
    }
}
