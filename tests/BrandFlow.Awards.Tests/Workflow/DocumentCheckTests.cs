using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>The document check: duplicates across firms, corrections, and a missed correction deadline.</summary>
public sealed class DocumentCheckTests
{
    [Fact]
    public async Task Check_SameFileAndIdentifierAsAnotherFirm_FlaggedAsDefects()
    {
        var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var original = await Seed.ClaimAsync(host, Seed.FirmA, "wk", "trademark.well-known", "national", new DateOnly(2024, 5, 1), "TM-1001",
            ["certificate", "registration-certificate"], content: "the one certificate");
        await host.SubmitAsync(Seed.Submission(host, "app-a", Seed.FirmA, journey.CycleId, original));
        var copy = await Seed.ClaimAsync(host, Seed.FirmB, "wk", "trademark.well-known", "national", new DateOnly(2024, 5, 1), "tm-1001 ",
            ["certificate", "registration-certificate"], content: "the one certificate");
        await host.SubmitAsync(Seed.Submission(host, "app-b", Seed.FirmB, journey.CycleId, copy));

        Assert.Empty((await journey.AppAsync("app-a")).Defects);
        var b = await journey.AppAsync("app-b");
        Assert.Equal(ApplicationStatus.AwaitingClerk, b.Status);
        Assert.Contains(b.Defects, d => d.Code == "duplicate-file" && d.MessageEn.Contains("another firm", StringComparison.Ordinal));
        Assert.Contains(b.Defects, d => d.Code == "duplicate-identifier" && d.ClaimId == "wk");
        Assert.Contains(host.Mail.To(Seed.ClerkEmail), m => m.Category == "ClerkCheckRequested" && m.TextBody.Contains("another firm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_MissingEvidenceType_FlaggedForTheClaim()
    {
        var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var wk = await Seed.ClaimAsync(host, Seed.FirmA, "wk", "trademark.well-known", "national", new DateOnly(2024, 5, 1), "TM-1001", ["certificate"]);
        await host.SubmitAsync(Seed.Submission(host, "app-a", Seed.FirmA, journey.CycleId, wk));

        var defect = Assert.Single((await journey.AppAsync("app-a")).Defects);
        Assert.Equal("missing-evidence", defect.Code);
        Assert.Contains("registration-certificate", defect.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correction_NotSubmittedByDeadlineOverNationalDay_LapsesWithNoticeAndReleasesClaims()
    {
        var journey = await Journey.OpenAsync(closes: new DateOnly(2025, 9, 30));
        var host = journey.Host;
        await host.AdvanceToAsync(new DateOnly(2025, 9, 29), 9);
        var a = await journey.SubmitFirmAAsync();
        await host.RaiseAsync(a, WorkflowEvents.ClerkChecked, new ClerkCheckEvent(Seed.ClerkEmail, false,
            [new Defect("clerk", "wk", "证书复印件不清晰", "the certificate copy is illegible")], host.Clock.GetUtcNow()));

        // Five working days from Mon 2025-09-29: 09-30, (国庆 10-01..10-08 off), 10-09, 10-10, Sat 10-11 (make-up day), 10-13.
        var record = await journey.AppAsync(a);
        Assert.Equal(ApplicationStatus.AwaitingCorrection, record.Status);
        Assert.Equal(new DateOnly(2025, 10, 13), record.CorrectionDeadline);
        var request = Assert.Single(host.Mail.To(Seed.FirmA.ContactEmail), m => m.Category == "CorrectionRequested");
        Assert.Contains("2025-10-13", request.TextBody, StringComparison.Ordinal);
        Assert.Contains("illegible", request.TextBody, StringComparison.Ordinal);

        await host.AdvanceToAsync(new DateOnly(2025, 10, 13), 23);
        Assert.Equal(ApplicationStatus.AwaitingCorrection, (await journey.AppAsync(a)).Status);
        await host.AdvanceToAsync(new DateOnly(2025, 10, 14), 1);
        Assert.Equal(ApplicationStatus.Lapsed, (await journey.AppAsync(a)).Status);
        Assert.Single(host.Mail.To(Seed.FirmA.ContactEmail), m => m.Category == "ApplicationLapsed");

        // The identifier is free again: another firm's claim of it is not flagged.
        var owner = await host.Claims.ClaimAsync("id:TM-1001", Seed.FirmB.CreditCode, "app-b");
        Assert.Equal("app-b", owner.ApplicationId);
    }

    [Fact]
    public async Task Correction_SubmittedInTime_CheckedAgainAndReviewed()
    {
        var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var partial = await Seed.ClaimAsync(host, Seed.FirmA, "wk", "trademark.well-known", "national", new DateOnly(2024, 5, 1), "TM-1001", ["certificate"]);
        await host.SubmitAsync(Seed.Submission(host, "app-a", Seed.FirmA, journey.CycleId, partial));
        await host.RaiseAsync("app-a", WorkflowEvents.ClerkChecked, new ClerkCheckEvent(Seed.ClerkEmail, false, [], host.Clock.GetUtcNow()));
        Assert.Equal(ApplicationStatus.AwaitingCorrection, (await journey.AppAsync("app-a")).Status);

        var complete = await Seed.WellKnownAsync(host, Seed.FirmA);
        await host.RaiseAsync("app-a", WorkflowEvents.CorrectionSubmitted, new CorrectionEvent(Seed.FirmA.ContactEmail, [complete.Claim], complete.Files, host.Clock.GetUtcNow()));
        var record = await journey.AppAsync("app-a");
        Assert.Equal(ApplicationStatus.AwaitingClerk, record.Status);
        Assert.Empty(record.Defects);
        Assert.Equal(complete.Files.Count, record.Evidence.Count);

        await journey.ApproveAsync("app-a");
        Assert.Equal(ApplicationStatus.AwaitingFiscalApproval, (await journey.AppAsync("app-a")).Status);
    }

    [Fact]
    public async Task Application_WithdrawnDuringReview_EndsAndStopsTheReview()
    {
        var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var a = await journey.SubmitFirmAAsync();
        await host.ClerkApprovesAsync(a);
        await host.RaiseAsync(a, WorkflowEvents.Withdrawn, new WithdrawEvent(Seed.FirmA.ContactEmail, "不再申报 / no longer applying", host.Clock.GetUtcNow()));

        Assert.Equal(ApplicationStatus.Withdrawn, (await journey.AppAsync(a)).Status);
        var review = await host.InstanceAsync(WorkflowIds.Review(a, "cy-amr"));
        Assert.Equal(BrandFlow.Durable.Client.OrchestrationRuntimeStatus.Completed, review.RuntimeStatus);
        Assert.Null(review.ReadOutputAs<ReviewResult>()!.Decision);
    }
}
