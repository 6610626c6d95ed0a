using BrandFlow.Awards.InMemory;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>The in-memory ports honour the same semantics as storage: revisions, insert-if-absent, append-only.</summary>
public sealed class InMemoryPortsTests
{
    private static ApplicationRecord Record(long revision, ApplicationStatus status) =>
        new("app-1", "cycle", Seed.FirmA, "a@firm-a.test", DateTimeOffset.UnixEpoch, status, [], [], [], [], [], null, [], new Dictionary<string, string>(), revision, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task ApplicationStore_StaleRevision_DoesNotOverwrite()
    {
        var store = new InMemoryApplicationStore();
        await store.SaveAsync(Record(2, ApplicationStatus.InReview));
        await store.SaveAsync(Record(1, ApplicationStatus.Submitted));
        await store.SaveAsync(Record(2, ApplicationStatus.Rejected));
        Assert.Equal(ApplicationStatus.InReview, (await store.GetAsync("app-1"))!.Status);
        await store.SaveAsync(Record(3, ApplicationStatus.AwaitingFiscalApproval));
        Assert.Equal(ApplicationStatus.AwaitingFiscalApproval, (await store.GetAsync("app-1"))!.Status);
    }

    [Fact]
    public async Task Ledger_SameAwardTwice_OneInstructionAndOneRow()
    {
        var ledger = new InMemoryAwardLedger();
        var instruction = new PayoutInstruction("aw-1", "b1", "c", "app", "aw-1", "cl", "t", "p", "cc", "bank", "acct", 10m, "REF1", DateTimeOffset.UnixEpoch);
        var first = await ledger.IssueInstructionAsync(instruction);
        var second = await ledger.IssueInstructionAsync(instruction with { BatchId = "b2", Amount = 99m });
        Assert.Equal(first, second);
        Assert.Single(ledger.Instructions);
        var entry = new LedgerEntry("aw-1", "cc", "cl", 1, null, null, [], null, 10m, "t", "c", "app", DateTimeOffset.UnixEpoch);
        Assert.True(await ledger.AppendAsync(entry));
        Assert.False(await ledger.AppendAsync(entry with { Amount = 99m }));
        Assert.Equal(10m, Assert.Single(await ledger.ListByFirmAsync("cc")).Amount);
        Assert.True(await ledger.MarkPaidAsync("REF1", new DateOnly(2025, 1, 2)));
        Assert.False(await ledger.MarkPaidAsync("NOPE", new DateOnly(2025, 1, 2)));
    }

    [Fact]
    public async Task AuditAndMail_SameKeyTwice_RecordedOnce()
    {
        var audit = new InMemoryAuditLog();
        await audit.AppendAsync(new AuditEntry("s", "a", "x", DateTimeOffset.UnixEpoch, null, "k1"));
        await audit.AppendAsync(new AuditEntry("s", "b", "x", DateTimeOffset.UnixEpoch, null, "k1"));
        await audit.AppendAsync(new AuditEntry("s", "c", "x", DateTimeOffset.UnixEpoch, null, "k2"));
        Assert.Equal(["a", "c"], (await audit.ListAsync("s")).Select(e => e.Action));

        var mail = new InMemoryMailSender();
        await mail.SendAsync(new OutgoingMail("m1", "A@x.test", "s", "<p>h</p>", "t", "c"));
        await mail.SendAsync(new OutgoingMail("m1", "A@x.test", "s2", "<p>h</p>", "t", "c"));
        Assert.Equal("s", Assert.Single(mail.To("a@x.test")).Subject);
    }

    [Fact]
    public async Task ClaimRegistry_FirstOwnerKeepsKeyUntilReleased()
    {
        var claims = new InMemoryClaimRegistry();
        Assert.Equal("app-1", (await claims.ClaimAsync("sha256:ab", "c1", "app-1")).ApplicationId);
        Assert.Equal("app-1", (await claims.ClaimAsync("sha256:ab", "c2", "app-2")).ApplicationId);
        await claims.ReleaseAsync("app-2", ["sha256:ab"]);
        Assert.Equal("app-1", (await claims.ClaimAsync("sha256:ab", "c2", "app-2")).ApplicationId);
        await claims.ReleaseAsync("app-1", ["sha256:ab"]);
        Assert.Equal("app-2", (await claims.ClaimAsync("sha256:ab", "c2", "app-2")).ApplicationId);
    }
}
