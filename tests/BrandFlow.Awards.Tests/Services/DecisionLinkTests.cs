using BrandFlow.Awards.Access;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using Microsoft.DurableTask.Client;

namespace BrandFlow.Awards.Tests.Services;

public sealed class DecisionLinkTests : IDisposable
{
    private readonly ServiceHarness h = new(runReviews: true);

    public DecisionLinkTests() => h.AddApplication("app-a", ServiceHarness.FirmA);

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task DecideByLink_RecipientSignedIn_RaisesDecisionToTheDepartmentReview()
    {
        await h.StartReviewAsync("app-a", ServiceHarness.Amr);
        var token = h.DecisionLink("app-a", ServiceHarness.Amr, 1, "approve", h.ReviewerAmr.Email);

        var decision = await h.Service.DecideByLinkAsync(h.ReviewerAmr, new DecisionRequest(token, null));
        var review = await h.CompletedAsync(WorkflowIds.Review("app-a", ServiceHarness.Amr));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, review!.RuntimeStatus);
        var raised = review.ReadOutputAs<ReviewDecisionEvent>()!;
        Assert.Equal(ReviewOutcome.Approve, raised.Outcome);
        Assert.Equal(1, raised.Round);
        Assert.Equal("r1@test.local", raised.By);
        Assert.Equal(decision, raised);
        Assert.Contains(h.Ports.AuditEntries, e => e.SubjectId == "app-a" && e.Action == "review.approve" && e.Actor == "r1@test.local");
    }

    [Fact]
    public async Task DecideByLink_TamperedToken_RefusedAsInvalid()
    {
        var token = h.DecisionLink("app-a", ServiceHarness.Amr, 1, "approve", h.ReviewerAmr.Email);
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.DecideByLinkAsync(h.ReviewerAmr, new DecisionRequest(tampered, null)));

        Assert.Equal("link-invalid", refusal.Code);
        Assert.Equal(400, refusal.StatusCode);
        Assert.Empty(h.Ports.UsedTokens);
    }

    [Fact]
    public async Task DecideByLink_Expired_Refused410()
    {
        var token = h.DecisionLink("app-a", ServiceHarness.Amr, 1, "approve", h.ReviewerAmr.Email, TimeSpan.FromDays(3));
        h.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1));

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.DecideByLinkAsync(h.ReviewerAmr, new DecisionRequest(token, null)));

        Assert.Equal("link-expired", refusal.Code);
        Assert.Equal(410, refusal.StatusCode);
    }

    [Fact]
    public async Task DecideByLink_SecondLinkOfTheSameRound_RefusedAsUsed()
    {
        var approve = h.DecisionLink("app-a", ServiceHarness.Amr, 1, "approve", h.ReviewerAmr.Email);
        var reject = h.DecisionLink("app-a", ServiceHarness.Amr, 1, "reject", h.ReviewerAmr.Email);
        await h.Service.DecideByLinkAsync(h.ReviewerAmr, new DecisionRequest(approve, null));

        var again = await Assert.ThrowsAsync<AwardsException>(() => h.Service.DecideByLinkAsync(h.ReviewerAmr, new DecisionRequest(approve, null)));
        var other = await Assert.ThrowsAsync<AwardsException>(() => h.Service.DecideByLinkAsync(h.ReviewerAmr, new DecisionRequest(reject, "重复")));

        Assert.Equal("link-used", again.Code);
        Assert.Equal("link-used", other.Code);
        Assert.Equal(409, other.StatusCode);
        Assert.Single(h.Ports.UsedTokens);
    }

    [Fact]
    public async Task DecideByLink_ForwardedToAnotherReviewerOfTheDepartment_RefusedWithItsOwnMessage()
    {
        var token = h.DecisionLink("app-a", ServiceHarness.Amr, 1, "approve", h.ReviewerAmr.Email);

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.DecideByLinkAsync(h.OtherReviewerAmr, new DecisionRequest(token, null)));

        Assert.Equal("forwarded-link", refusal.Code);
        Assert.Equal(403, refusal.StatusCode);
        Assert.Contains("转发", refusal.MessageZh, StringComparison.Ordinal);
        Assert.Contains("forwarded", refusal.MessageEn, StringComparison.Ordinal);
        Assert.Empty(h.Ports.UsedTokens);

        // The recipient can still use it afterwards.
        await h.Service.DecideByLinkAsync(h.ReviewerAmr, new DecisionRequest(token, null));
        Assert.Single(h.Ports.UsedTokens);
    }

    [Fact]
    public async Task DecideByLink_ReviewerOfAnotherDepartment_Refused()
    {
        var forwarded = h.DecisionLink("app-a", ServiceHarness.Amr, 1, "approve", h.ReviewerAmr.Email);
        var addressedToThem = h.DecisionLink("app-a", ServiceHarness.Amr, 1, "approve", h.ReviewerAgri.Email);

        var viaForward = await Assert.ThrowsAsync<AwardsException>(() => h.Service.DecideByLinkAsync(h.ReviewerAgri, new DecisionRequest(forwarded, null)));
        var direct = await Assert.ThrowsAsync<AwardsException>(() => h.Service.DecideByLinkAsync(h.ReviewerAgri, new DecisionRequest(addressedToThem, null)));

        Assert.Equal("forwarded-link", viaForward.Code);
        Assert.Equal("forbidden", direct.Code);
        Assert.Equal(403, direct.StatusCode);
        Assert.Empty(h.Ports.UsedTokens);
    }

    [Fact]
    public async Task DecideByLink_SignInTokenUsedAsDecision_RefusedWrongPurpose()
    {
        var signIn = h.Links.Create(new LinkClaims("t1", AwardsServiceOptions.SignInPurpose, "app-a/cy-amr/1", h.ReviewerAmr.Email, "approve", h.Clock.GetUtcNow().AddMinutes(10)));

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.DecideByLinkAsync(h.ReviewerAmr, new DecisionRequest(signIn, null)));

        Assert.Equal("link-wrong-purpose", refusal.Code);
    }

    [Fact]
    public async Task DecideByLink_RejectWithoutReason_RefusedAndLinkStillUsable()
    {
        var reject = h.DecisionLink("app-a", ServiceHarness.Amr, 1, "reject", h.ReviewerAmr.Email);

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.DecideByLinkAsync(h.ReviewerAmr, new DecisionRequest(reject, "  ")));
        var decision = await h.Service.DecideByLinkAsync(h.ReviewerAmr, new DecisionRequest(reject, "材料不符"));

        Assert.Equal("reason", refusal.Field);
        Assert.Equal(ReviewOutcome.Reject, decision.Outcome);
        Assert.Equal("材料不符", decision.Reason);
    }

    [Fact]
    public async Task DecideByLink_NotSignedIn_Returns401()
    {
        var token = h.DecisionLink("app-a", ServiceHarness.Amr, 1, "approve", h.ReviewerAmr.Email);

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.DecideByLinkAsync(null, new DecisionRequest(token, null)));

        Assert.Equal(401, refusal.StatusCode);
    }

    [Fact]
    public async Task DescribeDecisionLink_HasNoSideEffect_AndTellsWhoItIsFor()
    {
        var token = h.DecisionLink("app-a", ServiceHarness.Amr, 1, "request-information", h.ReviewerAmr.Email);

        var forOther = await h.Service.DescribeDecisionLinkAsync(h.OtherReviewerAmr, token);
        var forMe = await h.Service.DescribeDecisionLinkAsync(h.ReviewerAmr, token);
        var anonymous = await h.Service.DescribeDecisionLinkAsync(null, token);

        Assert.False(forOther.Valid);
        Assert.Equal("forwarded-link", forOther.FailureCode);
        Assert.Null(forOther.Awards);
        Assert.True(forMe.Valid);
        Assert.Equal(ReviewOutcome.RequestInformation, forMe.Outcome);
        Assert.Equal("青山茶业", forMe.FirmName);
        Assert.Single(forMe.Awards!);
        Assert.True(anonymous.Valid);
        Assert.Null(anonymous.ForSignedInPerson);
        Assert.Empty(h.Ports.UsedTokens);
        await h.Service.DecideByLinkAsync(h.ReviewerAmr, new DecisionRequest(token, "请补充商标注册证"));
    }

    [Fact]
    public async Task DescribeDecisionLink_Tampered_InvalidWithMessage()
    {
        var view = await h.Service.DescribeDecisionLinkAsync(h.ReviewerAmr, "not-a-token");

        Assert.False(view.Valid);
        Assert.Equal("link-invalid", view.FailureCode);
        Assert.NotNull(view.MessageZh);
    }
}
