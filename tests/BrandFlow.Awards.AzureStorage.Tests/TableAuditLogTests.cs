using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.AzureStorage.Tests;

public sealed class TableAuditLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AppendAsync_SameKeyTwice_KeepsTheFirstNeverOverwrites()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Audit.AppendAsync(new AuditEntry("app-1", "review.approved", "r@gov.example", T0, "first why", "k1"));

        await storage.Audit.AppendAsync(new AuditEntry("app-1", "review.rejected", "mallory@gov.example", T0, "rewritten", "k1"));
        await storage.Audit.AppendAsync(new AuditEntry("app-1", "review.rejected", "mallory@gov.example", T0.AddHours(1), "rewritten later", "k1"));

        var entry = Assert.Single(await storage.Audit.ListAsync("app-1"));
        Assert.Equal("review.approved", entry.Action);
        Assert.Equal("first why", entry.Detail);
        Assert.Equal(T0, entry.At);
    }

    [Fact]
    public async Task ListAsync_AppendedOutOfOrder_OldestFirstAndPerSubject()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Audit.AppendAsync(new AuditEntry("app-1", "c", "system", T0.AddDays(2), null, "k3"));
        await storage.Audit.AppendAsync(new AuditEntry("app-1", "a", "system", T0, null, "k1"));
        await storage.Audit.AppendAsync(new AuditEntry("app-2", "x", "system", T0.AddDays(1), null, "k9"));
        await storage.Audit.AppendAsync(new AuditEntry("app-1", "b", "system", T0.AddSeconds(1), null, "k2"));
        await storage.Audit.AppendAsync(new AuditEntry("app-1", "b2", "system", T0.AddSeconds(1), null, "k2b"));

        var entries = await storage.Audit.ListAsync("app-1");

        Assert.Equal(["a", "b", "b2"], entries.Take(3).Select(e => e.Action).Order());
        Assert.Equal(["a"], entries.Take(1).Select(e => e.Action));
        Assert.Equal("c", entries[^1].Action);
        Assert.Equal(4, entries.Count);
        Assert.Equal(["x"], (await storage.Audit.ListAsync("app-2")).Select(e => e.Action));
    }

    [Fact]
    public async Task AppendAsync_SameKeyFromEightTasks_OneEntry()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();

        await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() =>
            storage.Audit.AppendAsync(new AuditEntry("cycle/2026#1", "cycle.opened", "admin@gov.example", T0.AddMilliseconds(i), $"try {i}", "open")))));

        Assert.Single(await storage.Audit.ListAsync("cycle/2026#1"));
    }

    [Fact]
    public void AuditLog_PublicSurface_HasNoUpdateOrDelete()
    {
        var methods = typeof(TableAuditLog).GetMethods().Select(m => m.Name).ToList();
        Assert.Contains("AppendAsync", methods);
        Assert.DoesNotContain(methods, m => m.Contains("Update", StringComparison.Ordinal) || m.Contains("Delete", StringComparison.Ordinal) || m.Contains("Upsert", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppendAsync_LongDetail_RoundTrips()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var detail = new string('理', 80_000);

        await storage.Audit.AppendAsync(new AuditEntry("app-1", "note", "system", T0, detail, "long"));

        Assert.Equal(detail, Assert.Single(await storage.Audit.ListAsync("app-1")).Detail);
    }
}
