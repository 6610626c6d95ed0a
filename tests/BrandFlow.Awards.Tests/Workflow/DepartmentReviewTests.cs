using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;
using BrandFlow.Durable.Backend;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>Department reviews: links, reminders and escalations on working days, reassignment, stale rounds, information requests.</summary>
public sealed class DepartmentReviewTests
{
    [Fact]
    public async Task Review_NoDecision_ReminderAndEscalationOnWorkingDaysAcrossNationalDay()
    {
        var journey = await Journey.OpenAsync(closes: new DateOnly(2025, 9, 30));
        var host = journey.Host;
        await host.AdvanceToAsync(new DateOnly(2025, 9, 29), 9);
        var b = await journey.SubmitFirmBAsync();
        await host.ClerkApprovesAsync(b);
        var request = Assert.Single(host.Mail.To(Seed.AmrReviewer));
        Assert.Equal("ReviewRequested", request.Category);
        Assert.NotNull(host.LatestLinkToken(Seed.AmrReviewer, b, "reject"));
        Assert.NotNull(host.LatestLinkToken(Seed.AmrReviewer, b, "request-information"));

        // Round started Mon 09-29. Working days: 09-30 (1), 10-09 (2), 10-10 (3), Sat 10-11 make-up (4), 10-13 (5).
        await host.AdvanceToAsync(new DateOnly(2025, 10, 10), 23);
        Assert.DoesNotContain(host.Mail.To(Seed.AmrReviewer), m => m.Category == "ReviewReminder");
        await host.AdvanceToAsync(new DateOnly(2025, 10, 11), 1);
        Assert.Single(host.Mail.To(Seed.AmrReviewer), m => m.Category == "ReviewReminder");

        await host.AdvanceToAsync(new DateOnly(2025, 10, 13), 23);
        Assert.Empty(host.Mail.To(Seed.AmrHead));
        await host.AdvanceToAsync(new DateOnly(2025, 10, 14), 1);
        var escalation = Assert.Single(host.Mail.To(Seed.AmrHead));
        Assert.Equal("ReviewEscalated", escalation.Category);
        Assert.Contains(Seed.AmrReviewer, escalation.TextBody, StringComparison.Ordinal);

        // The link still works within the review period.
        await host.DecideAsync(Seed.AmrReviewer, b, "approve");
        Assert.Equal(ApplicationStatus.AwaitingFiscalApproval, (await journey.AppAsync(b)).Status);
    }

    [Fact]
    public async Task Review_Reassigned_NewReviewerGetsNewRoundAndOldLinkIsIgnored()
    {
        var journey = await Journey.OpenAsync(secondAmrReviewer: true);
        var host = journey.Host;
        var b = await journey.SubmitFirmBAsync();
        await host.ClerkApprovesAsync(b);
        var first = (await journey.AppAsync(b)).ReviewersByDepartment["cy-amr"];
        var second = first == Seed.AmrReviewer ? Seed.AmrReviewer2 : Seed.AmrReviewer;
        var staleToken = host.LatestLinkToken(first, b, "approve")!;

        await host.RaiseAsync(WorkflowIds.Review(b, "cy-amr"), WorkflowEvents.ReviewerReassigned,
            new ReassignEvent("cy-amr", second, Seed.AdminEmail, host.Clock.GetUtcNow()));
        var newToken = host.LatestLinkToken(second, b, "approve");
        Assert.NotNull(newToken);
        Assert.Equal(ReviewSteps.LinkSubject(b, "cy-amr", 2), host.Links.Validate(newToken!, ReviewSteps.LinkPurpose).Claims!.Subject);

        await host.DecideWithTokenAsync(staleToken, first);
        Assert.Equal(ApplicationStatus.InReview, (await journey.AppAsync(b)).Status);
        Assert.Contains(await host.Audit.ListAsync(b), e => e.Action == "review.stale-decision-ignored");

        await host.DecideWithTokenAsync(newToken!, second, "材料齐全 / complete");
        var record = await journey.AppAsync(b);
        Assert.Equal(ApplicationStatus.AwaitingFiscalApproval, record.Status);
        var decision = Assert.Single(record.Decisions);
        Assert.Equal(second, decision.DecidedBy);
        Assert.Equal("材料齐全 / complete", decision.Reason);
        Assert.Equal(second, record.ReviewersByDepartment["cy-amr"]);
    }

    [Fact]
    public async Task Review_RequestInformation_ApplicantMailedThenNewRoundDecides()
    {
        var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var b = await journey.SubmitFirmBAsync();
        await host.ClerkApprovesAsync(b);
        await host.DecideAsync(Seed.AmrReviewer, b, "request-information", "请提供商标使用证明 / show the mark in use");
        var ask = Assert.Single(host.Mail.To(Seed.FirmB.ContactEmail), m => m.Category == "InformationRequested");
        Assert.Contains("show the mark in use", ask.TextBody, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.AwaitingInformation, (await journey.AppAsync(b)).Status);

        await host.RaiseAsync(WorkflowIds.Review(b, "cy-amr"), WorkflowEvents.InformationProvided,
            new InformationEvent(Seed.FirmB.ContactEmail, "见附件 / attached", [], host.Clock.GetUtcNow()));
        Assert.Equal(ApplicationStatus.InReview, (await journey.AppAsync(b)).Status);
        var token = host.LatestLinkToken(Seed.AmrReviewer, b, "approve")!;
        Assert.EndsWith("/2", host.Links.Validate(token, ReviewSteps.LinkPurpose).Claims!.Subject, StringComparison.Ordinal);
        await host.DecideWithTokenAsync(token, Seed.AmrReviewer);

        var record = await journey.AppAsync(b);
        Assert.Equal(ApplicationStatus.AwaitingFiscalApproval, record.Status);
        Assert.Equal([ReviewOutcome.RequestInformation, ReviewOutcome.Approve], record.Decisions.Select(d => d.Outcome));
    }

    [Fact]
    public async Task Review_EveryDepartmentRejects_ApplicationRejectedAndClaimsReleased()
    {
        var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var a = await journey.SubmitFirmAAsync();
        await host.ClerkApprovesAsync(a);
        await host.DecideAsync(Seed.AmrReviewer, a, "reject", "商标已过期 / the mark has expired");
        await host.DecideAsync(Seed.AgriReviewer, a, "reject", "产品不在名录 / not listed");

        var record = await journey.AppAsync(a);
        Assert.Equal(ApplicationStatus.Rejected, record.Status);
        Assert.All(record.Awards, w => Assert.Equal(AwardStates.Rejected, w.State));
        Assert.Contains(host.Mail.To(Seed.FirmA.ContactEmail), m => m.Category == "ReviewOutcome");
        Assert.Equal("app-x", (await host.Claims.ClaimAsync("id:TM-1001", Seed.FirmC.CreditCode, "app-x")).ApplicationId);

        // Decided before the reminder: each review created one timer (the next deadline), not three.
        foreach (var department in new[] { "cy-amr", "cy-agri" })
        {
            var history = await host.Client.GetHistoryAsync($"{a}~review~{department}");
            Assert.Single(history.OfType<TimerCreatedEvent>());
        }
    }

    [Fact]
    public async Task Review_OneDepartmentRejects_OnlyApprovedAwardsGoOn()
    {
        var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var a = await journey.SubmitFirmAAsync();
        await host.ClerkApprovesAsync(a);
        await host.DecideAsync(Seed.AmrReviewer, a, "reject", "不符合 / not eligible");
        await host.DecideAsync(Seed.AgriReviewer, a, "approve");

        var record = await journey.AppAsync(a);
        Assert.Equal(ApplicationStatus.AwaitingFiscalApproval, record.Status);
        Assert.Equal(AwardStates.Rejected, record.Awards.Single(w => w.DepartmentId == "cy-amr").State);
        Assert.Equal(AwardStates.Approved, record.Awards.Single(w => w.DepartmentId == "cy-agri").State);
    }
}
