namespace BrandFlow.Awards.AzureStorage.Tests;

public sealed class TableAwardLedgerTests
{
    [Fact]
    public async Task IssueInstructionAsync_SameKeyFromEightTasks_ExactlyOneInstruction()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var attempts = Enumerable.Range(1, 8).Select(i => TestData.Instruction("app-1:c1:brand-1", amount: 1000m * i)).ToList();

        var results = await Task.WhenAll(attempts.Select(a => Task.Run(() => storage.Ledger.IssueInstructionAsync(a))));

        Assert.Single(results.Select(r => r.Amount).Distinct());
        Assert.Single(AzuriteStorage.Rows(storage.Options.PayoutsTable, "instruction|app-1:c1:brand-1"));
        var batch = Assert.Single(await storage.Ledger.ListBatchAsync("batch-1"));
        Assert.Equal(results[0].Amount, batch.Amount);
    }

    [Fact]
    public async Task IssueInstructionAsync_Retried_ReturnsTheStoredOne()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        var first = await storage.Ledger.IssueInstructionAsync(TestData.Instruction("k1", amount: 500m));

        var again = await storage.Ledger.IssueInstructionAsync(TestData.Instruction("k1", amount: 999m));

        Assert.Equal(first, again);
        Assert.Equal(500m, again.Amount);
        await storage.Ledger.IssueInstructionAsync(TestData.Instruction("k2", amount: 700m));
        await storage.Ledger.IssueInstructionAsync(TestData.Instruction("k3", batchId: "batch-2"));
        Assert.Equal(["k1", "k2"], (await storage.Ledger.ListBatchAsync("batch-1")).Select(i => i.IdempotencyKey).Order());
        Assert.Empty(await storage.Ledger.ListBatchAsync("absent"));
    }

    [Fact]
    public async Task IssueInstructionAsync_ReferenceOfAnotherInstruction_RefusedAndNothingWritten()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Ledger.IssueInstructionAsync(TestData.Instruction("k1", reference: "R-1"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.Ledger.IssueInstructionAsync(TestData.Instruction("k2", reference: "R-1")));

        Assert.Contains("R-1", error.Message, StringComparison.Ordinal);
        Assert.Empty(AzuriteStorage.Rows(storage.Options.PayoutsTable, "instruction|k2"));
        Assert.Single(await storage.Ledger.ListBatchAsync("batch-1"));
    }

    [Fact]
    public async Task MarkPaidAsync_ByReference_MarksOnceAndKeepsTheFirstDate()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Ledger.IssueInstructionAsync(TestData.Instruction("k1", reference: "BF/2026#1"));

        Assert.True(await storage.Ledger.MarkPaidAsync("BF/2026#1", new DateOnly(2026, 9, 10)));
        Assert.True(await storage.Ledger.MarkPaidAsync("BF/2026#1", new DateOnly(2026, 9, 11)));
        Assert.False(await storage.Ledger.MarkPaidAsync("unknown", new DateOnly(2026, 9, 10)));

        var paid = Assert.Single(await storage.Ledger.ListBatchAsync("batch-1"));
        Assert.Equal(new DateOnly(2026, 9, 10), paid.PaidOn);
        var retried = await storage.Ledger.IssueInstructionAsync(TestData.Instruction("k1", reference: "BF/2026#1"));
        Assert.Equal(new DateOnly(2026, 9, 10), retried.PaidOn);
        Assert.Equal(new DateOnly(2026, 9, 10), Assert.Single(await storage.Ledger.ListBatchAsync("batch-1")).PaidOn);
    }

    [Fact]
    public async Task MarkPaidAsync_ReferenceLeftByARetryWithAnotherReference_IsNotThisInstructions()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await storage.Ledger.IssueInstructionAsync(TestData.Instruction("k1", reference: "R-first"));
        await storage.Ledger.IssueInstructionAsync(TestData.Instruction("k1", reference: "R-second"));

        Assert.False(await storage.Ledger.MarkPaidAsync("R-second", new DateOnly(2026, 9, 10)));
        Assert.True(await storage.Ledger.MarkPaidAsync("R-first", new DateOnly(2026, 9, 10)));
    }

    [Fact]
    public async Task AppendAsync_SameAwardFromEightTasks_ExactlyOneLedgerRow()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();

        var written = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => storage.Ledger.AppendAsync(TestData.Ledger("app-1:c1:brand-1", amount: 100m * i)))));

        Assert.Equal(1, written.Count(w => w));
        Assert.Single(await storage.Ledger.ListByFirmAsync("91421200MA4ABCDE1X"));
        Assert.Single(AzuriteStorage.Rows(storage.Options.LedgerTable, "91421200MA4ABCDE1X"));
    }

    [Fact]
    public async Task ListByFirmAsync_RowsOfSeveralFirms_ReturnsOnlyThatFirms()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        Assert.True(await storage.Ledger.AppendAsync(TestData.Ledger("a1")));
        Assert.True(await storage.Ledger.AppendAsync(TestData.Ledger("a2")));
        Assert.True(await storage.Ledger.AppendAsync(TestData.Ledger("b1", creditCode: "OTHER")));
        Assert.False(await storage.Ledger.AppendAsync(TestData.Ledger("a1", amount: 1m)));

        var rows = await storage.Ledger.ListByFirmAsync("91421200MA4ABCDE1X");

        Assert.Equal(["a1", "a2"], rows.Select(r => r.AwardId).Order());
        Assert.Equal(100000m, rows.Single(r => r.AwardId == "a1").Amount);
        Assert.Equal(new DateOnly(2025, 6, 1), rows[0].AchievedOn);
    }

    [Fact]
    public async Task IssueInstructionAsync_CrashAfterReservingTheReference_RetryIssuesOnce()
    {
        var (storage, _) = await AzuriteStorage.CreateAsync();
        await AzuriteStorage.Table(storage.Options.PayoutsTable).AddEntityAsync(
            new Azure.Data.Tables.TableEntity("reference|R-1", "reference") { ["IdempotencyKey"] = "k1" }); // what the crashed run wrote

        var issued = await storage.Ledger.IssueInstructionAsync(TestData.Instruction("k1", reference: "R-1"));

        Assert.Equal("R-1", issued.Reference);
        Assert.Single(await storage.Ledger.ListBatchAsync("batch-1"));
        Assert.True(await storage.Ledger.MarkPaidAsync("R-1", new DateOnly(2026, 9, 30)));
    }
}
