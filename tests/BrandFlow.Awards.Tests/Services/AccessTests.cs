using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Tests.Services;

public sealed class AccessTests : IDisposable
{
    private readonly ServiceHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task ListApplications_Applicant_SeesOnlyOwnFirm()
    {
        h.AddApplication("app-a", ServiceHarness.FirmA);
        h.AddApplication("app-b", ServiceHarness.FirmB);

        var seenByA = await h.Service.ListApplicationsAsync(h.ApplicantA);
        var seenByB = await h.Service.ListApplicationsAsync(h.ApplicantB, ServiceHarness.CycleId);

        Assert.Equal(["app-a"], seenByA.Select(a => a.ApplicationId));
        Assert.Equal(["app-b"], seenByB.Select(a => a.ApplicationId));
    }

    [Fact]
    public async Task GetApplication_OtherFirmsApplication_NotFoundLikeAMissingOne()
    {
        h.AddApplication("app-b", ServiceHarness.FirmB);

        var other = await Assert.ThrowsAsync<AwardsException>(() => h.Service.GetApplicationAsync(h.ApplicantA, "app-b"));
        var missing = await Assert.ThrowsAsync<AwardsException>(() => h.Service.GetApplicationAsync(h.ApplicantA, "nope"));

        Assert.Equal(404, other.StatusCode);
        Assert.Equal(missing.Code, other.Code);
    }

    [Fact]
    public async Task GetApplication_ReviewerOfAnotherDepartment_Refused_OwnDepartmentAllowed()
    {
        h.AddCycle(CycleStatus.Reviewing);
        h.AddApplication("app-a", ServiceHarness.FirmA, department: ServiceHarness.Amr);

        var refused = await Assert.ThrowsAsync<AwardsException>(() => h.Service.GetApplicationAsync(h.ReviewerAgri, "app-a"));
        var seen = await h.Service.GetApplicationAsync(h.ReviewerAmr, "app-a");
        var listedForAgri = await h.Service.ListApplicationsAsync(h.ReviewerAgri, ServiceHarness.CycleId);

        Assert.Equal(404, refused.StatusCode);
        Assert.Equal("app-a", seen.ApplicationId);
        Assert.Empty(listedForAgri);
    }

    [Fact]
    public async Task AnyCall_NotSignedIn_Returns401()
    {
        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.ListApplicationsAsync(null));

        Assert.Equal(401, refusal.StatusCode);
        Assert.Equal("not-signed-in", refusal.Code);
    }

    [Fact]
    public async Task GetEvidenceUrl_OwnerAndAssignedReviewer_Allowed_OtherApplicantAndFinanceRefused()
    {
        h.AddApplication("app-a", ServiceHarness.FirmA);

        Assert.NotNull(await h.Service.GetEvidenceUrlAsync(h.ApplicantA, "app-a", "app-a-f1"));
        Assert.NotNull(await h.Service.GetEvidenceUrlAsync(h.ReviewerAmr, "app-a", "app-a-f1"));
        var otherFirm = await Assert.ThrowsAsync<AwardsException>(() => h.Service.GetEvidenceUrlAsync(h.ApplicantB, "app-a", "app-a-f1"));
        var finance = await Assert.ThrowsAsync<AwardsException>(() => h.Service.GetEvidenceUrlAsync(h.Finance, "app-a", "app-a-f1"));

        Assert.Equal(404, otherFirm.StatusCode);
        Assert.Equal(403, finance.StatusCode);
        Assert.Equal(2, h.Ports.ReadUrls.Count);
        Assert.Equal(2, h.Ports.AuditEntries.Count(e => e.Action == "evidence.read"));
    }

    [Fact]
    public async Task GetAuditLog_ApplicantOfAnotherFirm_Refused_StaffAllowed()
    {
        h.AddApplication("app-a", ServiceHarness.FirmA);
        await h.Service.GetEvidenceUrlAsync(h.ApplicantA, "app-a", "app-a-f1");

        var refused = await Assert.ThrowsAsync<AwardsException>(() => h.Service.GetAuditLogAsync(h.ApplicantB, "app-a"));
        var log = await h.Service.GetAuditLogAsync(h.Clerk, "app-a");

        Assert.Equal(403, refused.StatusCode);
        var entry = Assert.Single(log);
        Assert.Equal("applicant-a@test.local", entry.Actor);
    }

    [Fact]
    public async Task UpsertFirm_NotAdministrator_Refused_InvalidCreditCode_NamesField()
    {
        var firm = new Firm("91421223AY4CL12T08", "x", "enterprise", "421223", "x@test.local", "bank", "1");

        var applicant = await Assert.ThrowsAsync<AwardsException>(() => h.Service.UpsertFirmAsync(h.ApplicantA, firm));
        var invalid = await Assert.ThrowsAsync<AwardsException>(() => h.Service.UpsertFirmAsync(h.Admin, firm));

        Assert.Equal(403, applicant.StatusCode);
        Assert.Equal(400, invalid.StatusCode);
        Assert.Contains(invalid.Errors, e => e.Field == "creditCode");
        Assert.False(h.Ports.Firms.ContainsKey(firm.CreditCode));
    }

    [Fact]
    public async Task UpsertAccount_ReviewerWithoutCatalogDepartment_Refused_NothingWritten()
    {
        var account = new UserAccount("new@test.local", "New", [Role.Reviewer], "no-such-department");

        var refusal = await Assert.ThrowsAsync<AwardsException>(() => h.Service.UpsertAccountAsync(h.Admin, account));

        Assert.Contains(refusal.Errors, e => e.Field == "departmentId");
        Assert.False(h.Ports.Users.ContainsKey("new@test.local"));
    }
}
