using BrandFlow.Awards.Model;
using BrandFlow.Awards.Tests.TestSupport;
using BrandFlow.Awards.Workflow;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Awards.Tests.Workflow;

/// <summary>Department reviews: links, reminders and escalations on working days, reassignment, stale rounds, information requests.</summary>
public sealed class DepartmentReviewTests
{
    [Fact]
    public async Task Review_NoDecision_ReminderAndEscalationOnWorkingDaysAcrossNationalDay()
    {
        await using var journey = await Journey.OpenAsync(closes: new DateOnly(2025, 9, 30));
        var host = journey.Host;
        host.Clock.Date = new DateOnly(2025, 9, 29);
        var b = await journey.SubmitFirmBAsync();

        // The round's deadlines are computed when the clerk confirms: the reminder falls due at once, the escalation some
        // seconds later (their legal dates are checked below), the end of the period not within the test.
        host.Clock.DueAtOnce(DeadlineKind.ReviewReminder).Due(DeadlineKind.ReviewEscalation, TimeSpan.FromSeconds(8));
        await host.ClerkApprovesAsync(b);
        await host.UntilAsync(() => Task.FromResult(host.Mail.To(Seed.AmrReviewer).Any(m => m.Category == "ReviewReminder")), "review reminder mailed");
        var request = host.Mail.To(Seed.AmrReviewer).First();
        Assert.Equal("ReviewRequested", request.Category);
        Assert.Single(host.Mail.To(Seed.AmrReviewer), m => m.Category == "ReviewRequested");
        Assert.Single(host.Mail.To(Seed.AmrReviewer), m => m.Category == "ReviewReminder");
        Assert.NotNull(host.LatestLinkToken(Seed.AmrReviewer, b, "reject"));
        Assert.NotNull(host.LatestLinkToken(Seed.AmrReviewer, b, "request-information"));
        Assert.Empty(host.Mail.To(Seed.AmrHead));

        // Round started Mon 09-29. Working days: 09-30 (1), 10-09 (2), 10-10 (3), Sat 10-11 make-up (4), 10-13 (5), ... 10-20 (10).
        Assert.Equal(
            [(DeadlineKind.ReviewReminder, new DateOnly(2025, 10, 10)), (DeadlineKind.ReviewEscalation, new DateOnly(2025, 10, 13)), (DeadlineKind.ReviewEnds, new DateOnly(2025, 10, 20))],
            host.Clock.Computed.Where(d => d.Kind is DeadlineKind.ReviewReminder or DeadlineKind.ReviewEscalation or DeadlineKind.ReviewEnds));
        Assert.Contains(await host.Audit.ListAsync(b), e => e.Action == "review.requested" && e.Detail!.Contains("until 2025-10-20", StringComparison.Ordinal));

        await host.UntilAsync(() => Task.FromResult(host.Mail.To(Seed.AmrHead).Any()), "escalation mailed");
        var escalation = Assert.Single(host.Mail.To(Seed.AmrHead));
        Assert.Equal("ReviewEscalated", escalation.Category);
        Assert.Contains(Seed.AmrReviewer, escalation.TextBody, StringComparison.Ordinal);

        // The link still works within the review period.
        host.Clock.Date = new DateOnly(2025, 10, 14);
        await host.DecideAsync(Seed.AmrReviewer, b, "approve");
        await host.UntilStatusAsync(b, ApplicationStatus.AwaitingFiscalApproval);
    }

    [Fact]
    public async Task Review_Reassigned_NewReviewerGetsNewRoundAndOldLinkIsIgnored()
    {
        await using var journey = await Journey.OpenAsync(secondAmrReviewer: true);
        var host = journey.Host;
        var b = await journey.SubmitFirmBAsync();
        await host.ClerkApprovesAsync(b);
        await host.UntilAsync(b, r => r.ReviewersByDepartment.ContainsKey("cy-amr"), "cy-amr reviewer assigned");
        var first = (await journey.AppAsync(b)).ReviewersByDepartment["cy-amr"];
        var second = first == Seed.AmrReviewer ? Seed.AmrReviewer2 : Seed.AmrReviewer;
        await LinksMailedAsync(host, first, b);
        var staleToken = host.LatestLinkToken(first, b, "approve")!;

        await host.RaiseAsync(WorkflowIds.Review(b, "cy-amr"), WorkflowEvents.ReviewerReassigned,
            new ReassignEvent("cy-amr", second, Seed.AdminEmail, AwardTestHost.Now));
        await host.UntilAsync(() => Task.FromResult(host.LatestLinkToken(second, b, "approve") is not null), "links mailed to the new reviewer");
        var newToken = host.LatestLinkToken(second, b, "approve");
        Assert.NotNull(newToken);
        Assert.Equal(ReviewSteps.LinkSubject(b, "cy-amr", 2), host.Links.Validate(newToken!, ReviewSteps.LinkPurpose).Claims!.Subject);

        await host.DecideWithTokenAsync(staleToken, first);
        await host.UntilAsync(async () => (await host.Audit.ListAsync(b)).Any(e => e.Action == "review.stale-decision-ignored"), "stale decision ignored");
        Assert.Equal(ApplicationStatus.InReview, (await journey.AppAsync(b)).Status);

        await host.DecideWithTokenAsync(newToken!, second, "材料齐全 / complete");
        await host.UntilStatusAsync(b, ApplicationStatus.AwaitingFiscalApproval);
        var record = await journey.AppAsync(b);
        var decision = Assert.Single(record.Decisions);
        Assert.Equal(second, decision.DecidedBy);
        Assert.Equal("材料齐全 / complete", decision.Reason);
        Assert.Equal(second, record.ReviewersByDepartment["cy-amr"]);
    }

    [Fact]
    public async Task Review_RequestInformation_ApplicantMailedThenNewRoundDecides()
    {
        await using var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var b = await journey.SubmitFirmBAsync();
        await host.ClerkApprovesAsync(b);
        await LinksMailedAsync(host, Seed.AmrReviewer, b);
        await host.DecideAsync(Seed.AmrReviewer, b, "request-information", "请提供商标使用证明 / show the mark in use");
        await host.UntilStatusAsync(b, ApplicationStatus.AwaitingInformation);
        var ask = Assert.Single(host.Mail.To(Seed.FirmB.ContactEmail), m => m.Category == "InformationRequested");
        Assert.Contains("show the mark in use", ask.TextBody, StringComparison.Ordinal);

        await host.RaiseAsync(WorkflowIds.Review(b, "cy-amr"), WorkflowEvents.InformationProvided,
            new InformationEvent(Seed.FirmB.ContactEmail, "见附件 / attached", [], AwardTestHost.Now));
        await host.UntilStatusAsync(b, ApplicationStatus.InReview);
        await host.UntilAsync(() => Task.FromResult(host.LatestLinkToken(Seed.AmrReviewer, b, "approve") is { } t
            && host.Links.Validate(t, ReviewSteps.LinkPurpose).Claims!.Subject.EndsWith("/2", StringComparison.Ordinal)), "round 2 links mailed");
        var token = host.LatestLinkToken(Seed.AmrReviewer, b, "approve")!;
        Assert.EndsWith("/2", host.Links.Validate(token, ReviewSteps.LinkPurpose).Claims!.Subject, StringComparison.Ordinal);
        await host.DecideWithTokenAsync(token, Seed.AmrReviewer);

        await host.UntilStatusAsync(b, ApplicationStatus.AwaitingFiscalApproval);
        var record = await journey.AppAsync(b);
        Assert.Equal([ReviewOutcome.RequestInformation, ReviewOutcome.Approve], record.Decisions.Select(d => d.Outcome));
    }

    [Fact]
    public async Task Review_EveryDepartmentRejects_ApplicationRejectedAndClaimsReleased()
    {
        await using var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var a = await journey.SubmitFirmAAsync();
        await host.ClerkApprovesAsync(a);
        await LinksMailedAsync(host, Seed.AmrReviewer, a);
        await LinksMailedAsync(host, Seed.AgriReviewer, a);
        await host.DecideAsync(Seed.AmrReviewer, a, "reject", "商标已过期 / the mark has expired");
        await host.DecideAsync(Seed.AgriReviewer, a, "reject", "产品不在名录 / not listed");

        // The application ends once its claims are released.
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.CompletedAsync(a)).RuntimeStatus);
        var record = await journey.AppAsync(a);
        Assert.Equal(ApplicationStatus.Rejected, record.Status);
        Assert.All(record.Awards, w => Assert.Equal(AwardStates.Rejected, w.State));
        Assert.Contains(host.Mail.To(Seed.FirmA.ContactEmail), m => m.Category == "ReviewOutcome");
        Assert.Equal("app-x", (await host.Claims.ClaimAsync("id:TM-1001", Seed.FirmC.CreditCode, "app-x")).ApplicationId);

        // Decided before the reminder: both reviews ended with their decision, and nobody was reminded.
        foreach (var department in new[] { "cy-amr", "cy-agri" })
        {
            var review = await host.CompletedAsync(WorkflowIds.Review(a, department));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, review.RuntimeStatus);
            Assert.Equal(ReviewOutcome.Reject, review.ReadOutputAs<ReviewResult>()!.Decision!.Outcome);
        }

        Assert.DoesNotContain(host.Mail.Sent, m => m.Category is "ReviewReminder" or "ReviewEscalated");
    }

    [Fact]
    public async Task Review_OneDepartmentRejects_OnlyApprovedAwardsGoOn()
    {
        await using var journey = await Journey.OpenAsync();
        var host = journey.Host;
        var a = await journey.SubmitFirmAAsync();
        await host.ClerkApprovesAsync(a);
        await LinksMailedAsync(host, Seed.AmrReviewer, a);
        await LinksMailedAsync(host, Seed.AgriReviewer, a);
        await host.DecideAsync(Seed.AmrReviewer, a, "reject", "不符合 / not eligible");
        await host.DecideAsync(Seed.AgriReviewer, a, "approve");

        await host.UntilStatusAsync(a, ApplicationStatus.AwaitingFiscalApproval);
        var record = await journey.AppAsync(a);
        Assert.Equal(AwardStates.Rejected, record.Awards.Single(w => w.DepartmentId == "cy-amr").State);
        Assert.Equal(AwardStates.Approved, record.Awards.Single(w => w.DepartmentId == "cy-agri").State);
    }

    /// <summary>Waits until a round's decision links have been mailed to a reviewer.</summary>
    private static Task LinksMailedAsync(AwardTestHost host, string reviewer, string applicationId) =>
        host.UntilAsync(() => Task.FromResult(host.LatestLinkToken(reviewer, applicationId, "approve") is not null), $"review links mailed to {reviewer}");
}
