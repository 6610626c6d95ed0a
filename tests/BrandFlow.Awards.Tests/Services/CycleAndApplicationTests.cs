using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Awards.Workflow;
using BrandFlow.Policy.Calculation;

namespace BrandFlow.Awards.Tests.Services;

public sealed class CycleAndApplicationTests : IDisposable
{
    private readonly ServiceHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task OpenCycle_Valid_SchedulesTheCycleOrchestrationUnderTheCycleId()
    {
        await h.Service.OpenCycleAsync(h.Admin, Definition());

        var instance = await h.Client.GetInstanceAsync("421223-2026-test", getInputsAndOutputs: true);
        Assert.NotNull(instance);
        Assert.Equal(WorkflowNames.Cycle, instance!.Name);
        Assert.Equal("421223", instance.ReadInputAs<CycleDefinition>()!.Jurisdiction);
        Assert.Contains(h.Ports.AuditEntries, e => e.SubjectId == "421223-2026-test" && e.Action == "cycle.opened" && e.Actor == "admin@test.local");
    }

    [Fact]
    public async Task GetCycle_JustOpenedBeforeItsOrchestrationRan_StaffSeeItScheduled_ApplicantsDoNot()
    {
        await h.Service.OpenCycleAsync(h.Admin, Definition());

        var cycle = await h.Service.GetCycleAsync(h.Admin, "421223-2026-test");

        Assert.Equal(CycleStatus.Scheduled, cycle.Status);
        Assert.Equal(1_000_000m, cycle.Definition.Budgets["fin-421223"]);
        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.GetCycleAsync(h.ApplicantA, "421223-2026-test"));
        Assert.Equal(404, refusal.StatusCode);
        await Assert.ThrowsAsync<AwardsException>(() => h.Service.GetCycleAsync(h.Admin, "no-such-cycle"));
    }

    [Fact]
    public async Task OpenCycle_NotAdministrator_Refused()
    {
        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.OpenCycleAsync(h.Finance, Definition()));

        Assert.Equal(403, refusal.StatusCode);
        Assert.Null(await h.Client.GetInstanceAsync("421223-2026-test"));
    }

    [Fact]
    public async Task OpenCycle_InvalidDefinition_ListsEveryBadField_AndStartsNothing()
    {
        var bad = Definition() with
        {
            Documents = ["cy-brand-quality", "no-such-doc", "gs-brand-strategy"],
            Clauses = ["not-a-clause"],
            OpensOn = new DateOnly(2026, 12, 31),
            ClosesOn = new DateOnly(2026, 12, 1),
            Durations = new StepDurations(NoticeWorkingDays: 0),
            Budgets = new Dictionary<string, decimal> { ["fin-421223"] = -1m, ["fin-nowhere"] = 5m },
        };

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.OpenCycleAsync(h.Admin, bad));

        var fields = refusal.Errors.Select(e => e.Field).ToList();
        Assert.Contains("documents[1]", fields);
        Assert.Contains("documents[2]", fields);
        Assert.Contains("clauses[0]", fields);
        Assert.Contains("closesOn", fields);
        Assert.Contains("durations.noticeWorkingDays", fields);
        Assert.Contains("budgets.fin-421223", fields);
        Assert.Contains("budgets.fin-nowhere", fields);
        Assert.Null(await h.Client.GetInstanceAsync("421223-2026-test"));
    }

    [Fact]
    public async Task OpenCycle_ClausePaidByTheLocalTreasury_AsksForTheCycleJurisdictionsBudget()
    {
        // xn-market-system is a city document; its three-system clause is paid by the applicant's "local" treasury,
        // which for a Chongyang cycle is Chongyang's.
        var cityOnly = Definition() with
        {
            Documents = ["cy-brand-quality", "xn-market-system"],
            Budgets = new Dictionary<string, decimal> { ["fin-421200"] = 500_000m },
        };

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.OpenCycleAsync(h.Admin, cityOnly));

        Assert.Equal(["budgets.fin-421223"], refusal.Errors.Select(e => e.Field).ToList());
        Assert.DoesNotContain(refusal.Errors, e => e.Field.Contains("local", StringComparison.Ordinal));

        await h.Service.OpenCycleAsync(h.Admin, cityOnly with { Budgets = new Dictionary<string, decimal> { ["fin-421200"] = 500_000m, ["fin-421223"] = 300_000m } });

        Assert.NotNull(await h.Client.GetInstanceAsync("421223-2026-test"));
    }

    [Fact]
    public async Task OpenCycle_Twice_SecondRefusedAsExisting()
    {
        await h.Service.OpenCycleAsync(h.Admin, Definition());

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.OpenCycleAsync(h.Admin, Definition()));

        Assert.Equal("cycle-exists", refusal.Code);
    }

    [Fact]
    public async Task SubmitApplication_CycleOpen_ValidatesEvidenceAndStartsTheApplication()
    {
        h.AddCycle(CycleStatus.Open);
        var slot = await h.Service.RequestUploadSlotAsync(h.ApplicantA, new UploadSlotRequest("certificate", "证书.pdf"));

        var receipt = await h.Service.SubmitApplicationAsync(h.ApplicantA, new ClaimsRequest(ServiceHarness.CycleId, [Claim("c1", slot.FileId)]));

        var instance = await h.Client.GetInstanceAsync(receipt.ApplicationId, getInputsAndOutputs: true);
        Assert.Equal(WorkflowNames.Application, instance!.Name);
        var submission = instance.ReadInputAs<ApplicationSubmission>()!;
        Assert.Equal(ServiceHarness.FirmA, submission.Firm.CreditCode);
        Assert.Equal(slot.FileId, Assert.Single(submission.Evidence).FileId);
        Assert.StartsWith(ServiceHarness.CycleId + "-", receipt.ApplicationId, StringComparison.Ordinal);
        Assert.True(receipt.EstimatedTotal > 0);
    }

    [Fact]
    public async Task SubmitApplication_EvidenceOfAnotherFirm_Refused_NothingStarted()
    {
        h.AddCycle(CycleStatus.Open);
        var foreign = await h.Service.RequestUploadSlotAsync(h.ApplicantB, new UploadSlotRequest("certificate", "b.pdf"));

        var refusal = await Assert.ThrowsAsync<AwardsException>(() =>
            h.Service.SubmitApplicationAsync(h.ApplicantA, new ClaimsRequest(ServiceHarness.CycleId, [Claim("c1", foreign.FileId)])));

        Assert.Equal("claims[0].evidenceFileIds[0]", Assert.Single(refusal.Errors).Field);
        Assert.DoesNotContain(h.Ports.AuditEntries, e => e.Action == "application.submitted");
    }

    [Fact]
    public async Task SubmitApplication_WindowClosedToday_Refused()
    {
        h.AddCycle(CycleStatus.Open, closes: new DateOnly(2026, 11, 22));
        var slot = await h.Service.RequestUploadSlotAsync(h.ApplicantA, new UploadSlotRequest("certificate", "c.pdf"));

        var refusal = await Assert.ThrowsAsync<AwardsException>(() =>
            h.Service.SubmitApplicationAsync(h.ApplicantA, new ClaimsRequest(ServiceHarness.CycleId, [Claim("c1", slot.FileId)])));

        Assert.Equal("cycle-not-open", refusal.Code);
        Assert.Equal(409, refusal.StatusCode);
    }

    [Fact]
    public async Task SubmitApplication_UnknownAchievementKind_FieldNamedInRequestTerms()
    {
        h.AddCycle(CycleStatus.Open);
        var slot = await h.Service.RequestUploadSlotAsync(h.ApplicantA, new UploadSlotRequest("certificate", "c.pdf"));
        var claim = Claim("c1", slot.FileId);
        claim.Achievement.Kind = "patent.unknown";

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.SubmitApplicationAsync(h.ApplicantA, new ClaimsRequest(ServiceHarness.CycleId, [claim])));

        Assert.Contains(refusal.Errors, e => e.Field == "claims[0].achievement.kind");
    }

    [Fact]
    public async Task SubmitApplication_Staff_Refused()
    {
        h.AddCycle(CycleStatus.Open);

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.SubmitApplicationAsync(h.Clerk, new ClaimsRequest(ServiceHarness.CycleId, [Claim("c1", "x")])));

        Assert.Equal(403, refusal.StatusCode);
    }

    [Fact]
    public async Task ClerkCheck_OnlyClerk_AndOnlyWhenAwaitingClerk()
    {
        h.AddApplication("app-a", ServiceHarness.FirmA, ApplicationStatus.AwaitingClerk);
        h.AddApplication("app-r", ServiceHarness.FirmA, ApplicationStatus.InReview);

        var reviewer = await Assert.ThrowsAsync<AwardsException>(() => h.Service.ClerkCheckAsync(h.ReviewerAmr, "app-a", new ClerkCheckRequest(true, null)));
        var wrongState = await Assert.ThrowsAsync<AwardsException>(() => h.Service.ClerkCheckAsync(h.Clerk, "app-r", new ClerkCheckRequest(true, null)));
        var noDefects = await Assert.ThrowsAsync<AwardsException>(() => h.Service.ClerkCheckAsync(h.Clerk, "app-a", new ClerkCheckRequest(false, [])));
        await h.Service.ClerkCheckAsync(h.Clerk, "app-a", new ClerkCheckRequest(true, null));

        Assert.Equal(403, reviewer.StatusCode);
        Assert.Equal("wrong-state", wrongState.Code);
        Assert.Equal("defects", noDefects.Field);
        Assert.Contains(h.Ports.AuditEntries, e => e.Action == "clerk.approved" && e.SubjectId == "app-a");
    }

    [Fact]
    public async Task FileObjection_DuringNotice_AnyoneSignedInWithReason_OtherwiseRefused()
    {
        h.AddApplication("app-n", ServiceHarness.FirmA, ApplicationStatus.InPublicNotice);
        h.AddApplication("app-r", ServiceHarness.FirmA, ApplicationStatus.InReview);

        var noReason = await Assert.ThrowsAsync<AwardsException>(() => h.Service.FileObjectionAsync(h.ApplicantB, "app-n", new ObjectionRequest(null, " ")));
        var hidden = await Assert.ThrowsAsync<AwardsException>(() => h.Service.FileObjectionAsync(h.ApplicantB, "app-r", new ObjectionRequest(null, "理由")));
        var anonymous = await Assert.ThrowsAsync<AwardsException>(() => h.Service.FileObjectionAsync(null, "app-n", new ObjectionRequest(null, "理由")));
        await h.Service.FileObjectionAsync(h.ApplicantB, "app-n", new ObjectionRequest(null, "该商标已被撤销"));

        Assert.Equal("reason", noReason.Field);
        Assert.Equal(404, hidden.StatusCode);
        Assert.Equal(401, anonymous.StatusCode);
        Assert.Contains(h.Ports.AuditEntries, e => e.Action == "notice.objection" && e.Actor == "applicant-b@test.local");
    }

    [Fact]
    public async Task Withdraw_OtherFirm_NotFound_Owner_Allowed()
    {
        h.AddApplication("app-a", ServiceHarness.FirmA, ApplicationStatus.InReview);

        var other = await Assert.ThrowsAsync<AwardsException>(() => h.Service.WithdrawAsync(h.ApplicantB, "app-a", "不要了"));
        await h.Service.WithdrawAsync(h.ApplicantA, "app-a", "不再申报");

        Assert.Equal(404, other.StatusCode);
        Assert.Contains(h.Ports.AuditEntries, e => e.Action == "application.withdrawn" && e.Detail == "不再申报");
    }

    private static CycleDefinition Definition() => new(
        "421223-2026-test", "421223", 2026, "崇阳测试", "Chongyang test", ["cy-brand-quality"], null,
        new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 31), new DateOnly(2024, 12, 31), new StepDurations(),
        new Dictionary<string, decimal> { ["fin-421223"] = 1_000_000m });

    private static ClaimInput Claim(string id, string fileId) => new(
        id,
        new AchievementInput { Kind = "trademark.well-known", Level = "national", Date = new DateOnly(2024, 5, 1), Identifiers = ["TM-1"] },
        [fileId]);
}
