using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>The document check: duplicates across firms, corrections, and a missed correction deadline.</summary>
public sealed class DocumentCheckTests
{
    [Fact]
    public async Task Check_SameFileAndIdentifierAsAnotherFirm_FlaggedAsDefects()
    {
        await using var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var original = await Seed.ClaimAsync(host, Seed.FirmA, "wk", "trademark.well-known", "national", new DateOnly(2024, 5, 1), "TM-1001",
            ["certificate", "registration-certificate"], content: "the one certificate");
        await host.SubmitAsync(Seed.Submission(host, "app-a", Seed.FirmA, journey.CycleId, original));
        var copy = await Seed.ClaimAsync(host, Seed.FirmB, "wk", "trademark.well-known", "national", new DateOnly(2024, 5, 1), "tm-1001 ",
            ["certificate", "registration-certificate"], content: "the one certificate");
        await host.SubmitAsync(Seed.Submission(host, "app-b", Seed.FirmB, journey.CycleId, copy));
        await host.UntilStatusAsync("app-a", ApplicationStatus.AwaitingClerk);
        await host.UntilStatusAsync("app-b", ApplicationStatus.AwaitingClerk);

        Assert.Empty((await journey.AppAsync("app-a")).Defects);
        var b = await journey.AppAsync("app-b");
        Assert.Contains(b.Defects, d => d.Code == "duplicate-file" && d.MessageEn.Contains("another firm", StringComparison.Ordinal));
        Assert.Contains(b.Defects, d => d.Code == "duplicate-identifier" && d.ClaimId == "wk");
        Assert.Contains(host.Mail.To(Seed.ClerkEmail), m => m.Category == "ClerkCheckRequested" && m.TextBody.Contains("another firm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_MissingEvidenceType_FlaggedForTheClaim()
    {
        await using var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var wk = await Seed.ClaimAsync(host, Seed.FirmA, "wk", "trademark.well-known", "national", new DateOnly(2024, 5, 1), "TM-1001", ["certificate"]);
        await host.SubmitAsync(Seed.Submission(host, "app-a", Seed.FirmA, journey.CycleId, wk));
        await host.UntilStatusAsync("app-a", ApplicationStatus.AwaitingClerk);

        var defect = Assert.Single((await journey.AppAsync("app-a")).Defects);
        Assert.Equal("missing-evidence", defect.Code);
        Assert.Contains("registration-certificate", defect.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correction_NotSubmittedByDeadlineOverNationalDay_LapsesWithNoticeAndReleasesClaims()
    {
        await using var journey = await Journey.OpenAsync(closes: new DateOnly(2025, 9, 30));
        var host = journey.Host;
        host.Clock.Date = new DateOnly(2025, 9, 29);
        var a = await journey.SubmitFirmAAsync();
        await host.UntilStatusAsync(a, ApplicationStatus.AwaitingClerk);

        // The correction deadline is computed when the clerk sends the defects back; it falls due a few seconds later.
        host.Clock.Due(DeadlineKind.CorrectionDue, TimeSpan.FromSeconds(5));
        await host.RaiseAsync(a, WorkflowEvents.ClerkChecked, new ClerkCheckEvent(Seed.ClerkEmail, false,
            [new Defect("clerk", "wk", "证书复印件不清晰", "the certificate copy is illegible")], AwardTestHost.Now));
        await host.UntilStatusAsync(a, ApplicationStatus.AwaitingCorrection);

        // Five working days from Mon 2025-09-29: 09-30, (国庆 10-01..10-08 off), 10-09, 10-10, Sat 10-11 (make-up day), 10-13.
        var record = await journey.AppAsync(a);
        Assert.Equal(new DateOnly(2025, 10, 13), record.CorrectionDeadline);
        var request = Assert.Single(host.Mail.To(Seed.FirmA.ContactEmail), m => m.Category == "CorrectionRequested");
        Assert.Contains("2025-10-13", request.TextBody, StringComparison.Ordinal);
        Assert.Contains("illegible", request.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Mail.To(Seed.FirmA.ContactEmail), m => m.Category == "ApplicationLapsed");

        // The deadline passes without a correction.
        host.Clock.Date = new DateOnly(2025, 10, 14);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.CompletedAsync(a)).RuntimeStatus);
        Assert.Equal(ApplicationStatus.Lapsed, (await journey.AppAsync(a)).Status);
        await host.QuietAsync();
        Assert.Single(host.Mail.To(Seed.FirmA.ContactEmail), m => m.Category == "ApplicationLapsed");

        // The identifier is free again: another firm's claim of it is not flagged.
        var owner = await host.Claims.ClaimAsync("id:TM-1001", Seed.FirmB.CreditCode, "app-b");
        Assert.Equal("app-b", owner.ApplicationId);
    }

    [Fact]
    public async Task Correction_SubmittedInTime_CheckedAgainAndReviewed()
    {
        await using var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var partial = await Seed.ClaimAsync(host, Seed.FirmA, "wk", "trademark.well-known", "national", new DateOnly(2024, 5, 1), "TM-1001", ["certificate"]);
        await host.SubmitAsync(Seed.Submission(host, "app-a", Seed.FirmA, journey.CycleId, partial));
        await host.UntilStatusAsync("app-a", ApplicationStatus.AwaitingClerk);
        await host.RaiseAsync("app-a", WorkflowEvents.ClerkChecked, new ClerkCheckEvent(Seed.ClerkEmail, false, [], AwardTestHost.Now));
        await host.UntilStatusAsync("app-a", ApplicationStatus.AwaitingCorrection);

        var complete = await Seed.WellKnownAsync(host, Seed.FirmA);
        await host.RaiseAsync("app-a", WorkflowEvents.CorrectionSubmitted, new CorrectionEvent(Seed.FirmA.ContactEmail, [complete.Claim], complete.Files, AwardTestHost.Now));
        await host.UntilStatusAsync("app-a", ApplicationStatus.AwaitingClerk);
        var record = await journey.AppAsync("app-a");
        Assert.Empty(record.Defects);
        Assert.Equal(complete.Files.Count, record.Evidence.Count);

        await journey.ApproveAsync("app-a");
        await host.UntilStatusAsync("app-a", ApplicationStatus.AwaitingFiscalApproval);
    }

    [Fact]
    public async Task Application_WithdrawnDuringReview_EndsAndStopsTheReview()
    {
        await using var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var a = await journey.SubmitFirmAAsync();
        await host.ClerkApprovesAsync(a);
        await host.UntilStatusAsync(a, ApplicationStatus.InReview);
        await host.UntilAsync(async () => await host.Client.GetInstanceAsync(WorkflowIds.Review(a, "cy-amr")) is not null, "cy-amr review started");
        await host.RaiseAsync(a, WorkflowEvents.Withdrawn, new WithdrawEvent(Seed.FirmA.ContactEmail, "不再申报 / no longer applying", AwardTestHost.Now));

        await host.UntilStatusAsync(a, ApplicationStatus.Withdrawn);
        var review = await host.CompletedAsync(WorkflowIds.Review(a, "cy-amr"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, review.RuntimeStatus);
        Assert.Null(review.ReadOutputAs<ReviewResult>()!.Decision);
    }
}
