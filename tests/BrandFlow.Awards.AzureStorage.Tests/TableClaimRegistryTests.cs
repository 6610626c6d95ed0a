namespace BrandFlow.Awards.AzureStorage.Tests;

public sealed class TableClaimRegistryTests
{
    [Fact]
    public async Task ClaimAsync_SecondClaimant_GetsTheFirstOwner()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();

        var first = await storage.Claims.ClaimAsync("id:ZL/2021#1?", "FIRM-A", "app-a");
        var second = await storage.Claims.ClaimAsync("id:ZL/2021#1?", "FIRM-B", "app-b");
        var again = await storage.Claims.ClaimAsync("id:ZL/2021#1?", "FIRM-A", "app-a");

        Assert.Equal(new("id:ZL/2021#1?", "FIRM-A", "app-a"), first);
        Assert.Equal(first, second);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task ClaimAsync_EightConcurrentClaimants_AllSeeOneOwner()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var key = "sha256:" + new string('b', 64);

        var owners = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => storage.Claims.ClaimAsync(key, $"FIRM-{i}", $"app-{i}"))));

        Assert.Single(owners.Distinct());
    }

    [Fact]
    public async Task ReleaseAsync_OnlyTheOwnersRowsAreRemoved()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Claims.ClaimAsync("k1", "FIRM-A", "app-a");
        await storage.Claims.ClaimAsync("k2", "FIRM-B", "app-b");

        await storage.Claims.ReleaseAsync("app-b", ["k1", "k2", "never-claimed"]);

        Assert.Equal("app-a", (await storage.Claims.ClaimAsync("k1", "FIRM-C", "app-c")).ApplicationId);
        Assert.Equal("app-c", (await storage.Claims.ClaimAsync("k2", "FIRM-C", "app-c")).ApplicationId);
        await storage.Claims.ReleaseAsync("app-a", ["k1"]);
        Assert.Equal("app-d", (await storage.Claims.ClaimAsync("k1", "FIRM-D", "app-d")).ApplicationId);
    }

    [Fact]
    public async Task ClaimAsync_KeysWithControlCharactersOrVeryLong_StayDistinctAndWork()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var tab = "id:GB/T\t1234\u0001?#%|";
        var longA = "id:" + new string('x', 700) + "A";
        var longB = "id:" + new string('x', 700) + "B";

        Assert.Equal("app-1", (await storage.Claims.ClaimAsync(tab, "F1", "app-1")).ApplicationId);
        Assert.Equal("app-1", (await storage.Claims.ClaimAsync(tab, "F2", "app-2")).ApplicationId);
        Assert.Equal("app-2", (await storage.Claims.ClaimAsync("id:GB/T 1234", "F2", "app-2")).ApplicationId);
        Assert.Equal("app-3", (await storage.Claims.ClaimAsync(longA, "F3", "app-3")).ApplicationId);
        Assert.Equal("app-4", (await storage.Claims.ClaimAsync(longB, "F4", "app-4")).ApplicationId);
        Assert.Equal(longA, (await storage.Claims.ClaimAsync(longA, "F5", "app-5")).Key);
    }
}
