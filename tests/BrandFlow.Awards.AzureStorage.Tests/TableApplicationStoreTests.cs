using Azure.Storage.Blobs;
using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.AzureStorage.Tests;

public sealed class TableApplicationStoreTests
{
    [Fact]
    public async Task SaveAsync_NewRecord_RoundTripsEveryField()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var record = TestData.Application("app/1#x?", 1);

        await storage.Applications.SaveAsync(record);
        var read = await storage.Applications.GetAsync("app/1#x?");

        Assert.NotNull(read);
        Assert.Equal(record.Firm, read.Firm);
        Assert.Equal(record.CorrectionDeadline, read.CorrectionDeadline);
        Assert.Equal(record.Awards[0].AchievedOn, read.Awards[0].AchievedOn);
        Assert.Equal(100000m, read.Awards[0].EstimatedAmount);
        Assert.Equal(new DateOnly(2025, 6, 1), read.Claims[0].Achievement.Date);
        Assert.Equal("reviewer@gov.example", read.ReviewersByDepartment["market"]);
        Assert.Null(await storage.Applications.GetAsync("absent"));
    }

    [Fact]
    public async Task SaveAsync_OlderRevisionAfterNewer_IsIgnoredEverywhere()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Applications.SaveAsync(TestData.Application("a1", 3, ApplicationStatus.InReview));
        await storage.Applications.SaveAsync(TestData.Application("a1", 2, ApplicationStatus.AwaitingClerk));
        await storage.Applications.SaveAsync(TestData.Application("a1", 3, ApplicationStatus.Rejected));

        var read = await storage.Applications.GetAsync("a1");
        Assert.Equal(3, read!.Revision);
        Assert.Equal(ApplicationStatus.InReview, read.Status);
        var byCycle = Assert.Single(await storage.Applications.ListByCycleAsync("421223-2026-brand"));
        Assert.Equal(ApplicationStatus.InReview, byCycle.Status);
        Assert.Equal(ApplicationStatus.InReview, Assert.Single(await storage.Applications.ListByFirmAsync("91421200MA4ABCDE1X")).Status);
    }

    [Fact]
    public async Task SaveAsync_ConcurrentRevisions_HighestWinsInMainAndIndexRows()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var revisions = Enumerable.Range(1, 8).OrderBy(_ => Random.Shared.Next()).ToList();

        await Task.WhenAll(revisions.Select(r => Task.Run(() => storage.Applications.SaveAsync(TestData.Application("race", r, (ApplicationStatus)(r % 5))))));

        Assert.Equal(8, (await storage.Applications.GetAsync("race"))!.Revision);
        Assert.Equal(8, Assert.Single(await storage.Applications.ListByCycleAsync("421223-2026-brand")).Revision);
        Assert.Equal(8, Assert.Single(await storage.Applications.ListByFirmAsync("91421200MA4ABCDE1X")).Revision);
        Assert.Single(AzuriteStorage.Rows(storage.Options.ApplicationsTable, "race"));
    }

    [Fact]
    public async Task ListByCycleAsync_StatusFilter_ReturnsOnlyThatStatus()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Applications.SaveAsync(TestData.Application("a1", 1, ApplicationStatus.InReview));
        await storage.Applications.SaveAsync(TestData.Application("a2", 1, ApplicationStatus.Rejected));
        await storage.Applications.SaveAsync(TestData.Application("a3", 1, ApplicationStatus.InReview));
        await storage.Applications.SaveAsync(TestData.Application("b1", 1, ApplicationStatus.InReview, cycleId: "other", creditCode: "91420000000000000X"));
        await storage.Applications.SaveAsync(TestData.Application("a2", 2, ApplicationStatus.InReview));

        var inReview = await storage.Applications.ListByCycleAsync("421223-2026-brand", ApplicationStatus.InReview);
        var rejected = await storage.Applications.ListByCycleAsync("421223-2026-brand", ApplicationStatus.Rejected);

        Assert.Equal(["a1", "a2", "a3"], inReview.Select(a => a.ApplicationId).Order());
        Assert.Empty(rejected);
        Assert.Equal(["b1"], (await storage.Applications.ListByFirmAsync("91420000000000000X")).Select(a => a.ApplicationId));
    }

    [Fact]
    public async Task SaveAsync_IndexRowLostAfterMainRow_RepairedByRepeatedSave()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var record = TestData.Application("a1", 4, ApplicationStatus.Paid);
        await storage.Applications.SaveAsync(record);
        var index = AzuriteStorage.Table(storage.Options.ApplicationsTable);
        await index.DeleteEntityAsync("cycle|421223-2026-brand", "a1");
        Assert.Empty(await storage.Applications.ListByCycleAsync("421223-2026-brand"));

        await storage.Applications.SaveAsync(record); // the retried activity

        Assert.Equal(ApplicationStatus.Paid, Assert.Single(await storage.Applications.ListByCycleAsync("421223-2026-brand", ApplicationStatus.Paid)).Status);
    }

    [Fact]
    public async Task SaveAsync_LongRecord_SplitsJsonAcrossColumns()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var estimate = string.Concat(Enumerable.Range(0, 9_000).Select(i => $"第{i}条说明;"));
        Assert.True(estimate.Length > 70_000);

        await storage.Applications.SaveAsync(TestData.Application("long", 1, estimate: estimate));

        Assert.Equal(estimate, (await storage.Applications.GetAsync("long"))!.Estimate);
        var row = Assert.Single(AzuriteStorage.Rows(storage.Options.ApplicationsTable, "long"));
        Assert.True(row.GetInt32("JsonParts") >= 3);
        Assert.All(Enumerable.Range(0, row.GetInt32("JsonParts")!.Value), i => Assert.True(row.GetString($"Json{i}").Length <= 32_000));
    }

    [Fact]
    public async Task SaveAsync_RecordOverOneMegabyte_StoredInBlobAndReplaced()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var huge = new string('x', 1_200_000);
        await storage.Applications.SaveAsync(TestData.Application("huge", 1, estimate: huge));
        Assert.Equal(huge, (await storage.Applications.GetAsync("huge"))!.Estimate);
        var row = Assert.Single(AzuriteStorage.Rows(storage.Options.ApplicationsTable, "huge"));
        Assert.False(string.IsNullOrEmpty(row.GetString("JsonBlob")));

        await storage.Applications.SaveAsync(TestData.Application("huge", 2, estimate: "short now"));

        Assert.Equal("short now", (await storage.Applications.GetAsync("huge"))!.Estimate);
        Assert.Equal("short now", Assert.Single(await storage.Applications.ListByFirmAsync("91421200MA4ABCDE1X")).Estimate);
        var overflow = new BlobContainerClient(AzuriteStorage.ConnectionString, storage.Options.OverflowContainer);
        Assert.Empty(overflow.GetBlobs()); // the replaced rows' blobs are gone
    }

    [Fact]
    public async Task SaveCycleAsync_LastWriterWins_AndListsAllCycles()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var definition = new CycleDefinition(
            "421223-2026-brand", "421223", 2026, "2026年品牌奖补", "2026 brand awards", ["doc-1"], null,
            new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 30), new DateOnly(2025, 12, 31), new StepDurations(), new Dictionary<string, decimal> { ["county"] = 5_000_000m });
        await storage.Applications.SaveCycleAsync(new CycleRecord(definition, CycleStatus.Scheduled, DateTimeOffset.UtcNow));
        await storage.Applications.SaveCycleAsync(new CycleRecord(definition, CycleStatus.Open, DateTimeOffset.UtcNow));
        await storage.Applications.SaveCycleAsync(new CycleRecord(definition with { CycleId = "421223-2026-ip" }, CycleStatus.Scheduled, DateTimeOffset.UtcNow));

        var cycle = await storage.Applications.GetCycleAsync("421223-2026-brand");
        Assert.Equal(CycleStatus.Open, cycle!.Status);
        Assert.Equal(5_000_000m, cycle.Definition.Budgets["county"]);
        Assert.Equal(new DateOnly(2026, 4, 30), cycle.Definition.ClosesOn);
        Assert.Equal(2, (await storage.Applications.ListCyclesAsync()).Count);
        Assert.Null(await storage.Applications.GetCycleAsync("absent"));
    }
}
