using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>Objections (异议) during the public notice: the award is held and reviewed again.</summary>
public sealed class ObjectionTests
{
    private static async Task<(Journey Journey, string A, string B)> InNoticeAsync()
    {
        // The notice lasts long enough to object and re-review during it.
        var journey = await Journey.OpenAsync(deadlines: c => c.Due(DeadlineKind.NoticeEnds, TimeSpan.FromSeconds(15)));
        var a = await journey.SubmitFirmAAsync();
        await journey.ApproveAsync(a);
        var b = await journey.SubmitFirmBAsync();
        await journey.ApproveAsync(b);
        await journey.CloseWindowAsync();
        await journey.ApproveFiscalAsync(AllocationRuleKind.ProRata);
        return (journey, a, b);
    }

    // Objects and waits until the held award's department mailed the links of its second round.
    private static async Task ObjectAsync(AwardTestHost host, string applicationId, string awardId)
    {
        await host.RaiseAsync(applicationId, WorkflowEvents.ObjectionFiled, new ObjectionEvent(awardId, "public@objector.test", "商标权属有争议 / ownership disputed", AwardTestHost.Now));
        await host.UntilAsync(
            () => Task.FromResult(host.LatestLinkToken(Seed.AmrReviewer, applicationId, "approve") is { } token
                && host.Links.Validate(token, ReviewSteps.LinkPurpose).Claims!.Subject == ReviewSteps.LinkSubject(applicationId, "cy-amr", 2)),
            "the re-review links of round 2");
    }

    [Fact]
    public async Task Objection_ReReviewApprovesDuringNotice_AwardPaidWithTheBatch()
    {
        var (journey, a, _) = await InNoticeAsync();
        await using var disposeJourney = journey;
        var host = journey.Host;
        var wk = $"{a}:wk:cy-tm-well-known";
        await ObjectAsync(host, a, wk);

        var record = await journey.AppAsync(a);
        Assert.Equal(ApplicationStatus.Objected, record.Status);
        Assert.Equal(AwardStates.Held, record.Awards.Single(w => w.AwardId == wk).State);
        Assert.Equal(AwardStates.Approved, record.Awards.Single(w => w.AwardId != wk).State);
        Assert.Single(host.Mail.To(Seed.FirmA.ContactEmail), m => m.Category == "ObjectionFiled");
        var token = host.LatestLinkToken(Seed.AmrReviewer, a, "approve")!;
        Assert.Equal(ReviewSteps.LinkSubject(a, "cy-amr", 2), host.Links.Validate(token, ReviewSteps.LinkPurpose).Claims!.Subject);

        await host.DecideWithTokenAsync(token, Seed.AmrReviewer, "异议不成立 / objection dismissed");
        record = await journey.AppAsync(a);
        Assert.Equal(ApplicationStatus.InPublicNotice, record.Status);
        Assert.All(record.Awards, w => Assert.Equal(AwardStates.Approved, w.State));

        await journey.PassNoticeAsync();
        Assert.Equal(3, host.Ledger.Instructions.Count);
        Assert.All(host.Ledger.Instructions, i => Assert.Equal(journey.BatchId, i.BatchId));
        await host.ConfirmPaymentsAsync(journey.BatchId);
        await host.UntilStatusAsync(a, ApplicationStatus.Paid);
        await host.UntilCycleAsync(journey.CycleId, CycleStatus.Closed);
    }

    [Fact]
    public async Task Objection_ReReviewRejects_HeldAwardNeverPaid()
    {
        var (journey, a, _) = await InNoticeAsync();
        await using var disposeJourney = journey;
        var host = journey.Host;
        var wk = $"{a}:wk:cy-tm-well-known";
        await ObjectAsync(host, a, wk);
        await host.DecideAsync(Seed.AmrReviewer, a, "reject", "异议成立 / objection upheld");
        Assert.Equal(AwardStates.Rejected, (await journey.AppAsync(a)).Awards.Single(w => w.AwardId == wk).State);

        await journey.PassNoticeAsync();
        Assert.DoesNotContain(host.Ledger.Instructions, i => i.AwardId == wk);
        Assert.Equal(2, host.Ledger.Instructions.Count);
        await host.ConfirmPaymentsAsync(journey.BatchId);

        var record = await journey.AppAsync(a);
        Assert.Equal(ApplicationStatus.Paid, record.Status);
        await host.UntilCycleAsync(journey.CycleId, CycleStatus.Closed);
        var report = (await host.CycleAsync(journey.CycleId)).Report!;
        Assert.Equal(300_000m, report.AmountPaid);
    }

    [Fact]
    public async Task Objection_ReReviewedAfterNoticeEnded_PaidInSupplementaryBatch()
    {
        var (journey, a, b) = await InNoticeAsync();
        await using var disposeJourney = journey;
        var host = journey.Host;
        var wk = $"{b}:wk:cy-tm-well-known";
        await ObjectAsync(host, b, wk);

        await journey.PassNoticeAsync();
        Assert.DoesNotContain(host.Ledger.Instructions, i => i.AwardId == wk);
        Assert.Equal(ApplicationStatus.Objected, (await journey.AppAsync(b)).Status);
        await host.ConfirmPaymentsAsync(journey.BatchId);
        await host.UntilStatusAsync(a, ApplicationStatus.Paid);
        Assert.Equal(CycleStatus.Paying, (await host.CycleAsync(journey.CycleId)).Status);

        await host.DecideAsync(Seed.AmrReviewer, b, "approve", "异议不成立 / objection dismissed");
        var late = Assert.Single(host.Ledger.Instructions, i => i.AwardId == wk);
        Assert.Equal($"{journey.BatchId}~{b}", late.BatchId);
        Assert.Contains($"payments/{late.BatchId}.csv", host.Documents.Names);
        Assert.Equal(ApplicationStatus.PayoutIssued, (await journey.AppAsync(b)).Status);

        await host.ConfirmPaymentsAsync(journey.BatchId);
        await host.UntilStatusAsync(b, ApplicationStatus.Paid);
        await host.UntilCycleAsync(journey.CycleId, CycleStatus.Closed);
        Assert.Single(host.Ledger.Entries, e => e.AwardId == wk);
    }
}
