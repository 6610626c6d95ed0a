using BrandFlow.Awards.Features;
using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Tests.Services;

/// <summary>
/// The access table: every use case with who may run it and its ownership or visibility rule. A row reads, per actor,
/// "x" allowed or "." refused, in the order: not signed in, applicant, clerk, reviewer, department head, finance,
/// administrator.
/// </summary>
public sealed class AccessPolicyTests
{
    private const string Anyone = "xxxxxxx";
    private const string SignedIn = ".xxxxxx";
    private const string Applicant = ".x.....";
    private const string Clerk = "..x....";
    private const string Finance = ".....x.";
    private const string FinanceOrAdministrator = ".....xx";
    private const string Administrator = "......x";

    private static readonly Role?[] Columns = [null, Role.Applicant, Role.Clerk, Role.Reviewer, Role.DepartmentHead, Role.Finance, Role.Administrator];

    public static TheoryData<UseCase, string, Scope> Table => new()
    {
        { UseCase.SubmitApplication, Applicant, Scope.OwnFirmCycle },
        { UseCase.GetApplication, SignedIn, Scope.VisibleApplication },
        { UseCase.ListApplications, SignedIn, Scope.VisibleApplications },
        { UseCase.SubmitCorrection, Applicant, Scope.OwnFirmApplication },
        { UseCase.ProvideInformation, Applicant, Scope.OwnFirmApplication },
        { UseCase.Withdraw, SignedIn, Scope.OwnerOrAdministrator },
        { UseCase.ClerkCheck, Clerk, Scope.VisibleApplication },
        { UseCase.Reassign, Administrator, Scope.VisibleApplication },
        { UseCase.FileObjection, SignedIn, Scope.InNoticeOrVisible },
        { UseCase.ListNotice, SignedIn, Scope.None },
        { UseCase.GetEvidenceUrl, SignedIn, Scope.EvidenceReader },
        { UseCase.GetCalendar, SignedIn, Scope.None },
        { UseCase.WorkingDays, Anyone, Scope.None },
        { UseCase.ReplaceCalendar, Administrator, Scope.None },
        { UseCase.RequestUploadSlot, Applicant, Scope.OwnFirm },
        { UseCase.InspectEvidence, Applicant, Scope.OwnFirm },
        { UseCase.PreviewEstimate, Applicant, Scope.OwnFirmCycle },
        { UseCase.OpenCycle, Administrator, Scope.None },
        { UseCase.CloseWindow, Administrator, Scope.None },
        { UseCase.CloseCycle, Administrator, Scope.None },
        { UseCase.ListCycles, SignedIn, Scope.VisibleCycles },
        { UseCase.GetCycle, SignedIn, Scope.VisibleCycles },
        { UseCase.UpsertFirm, Administrator, Scope.None },
        { UseCase.GetFirm, SignedIn, Scope.OwnFirmOrStaff },
        { UseCase.UpsertAccount, Administrator, Scope.None },
        { UseCase.GetAccount, SignedIn, Scope.SelfOrAdministrator },
        { UseCase.ListStaff, Administrator, Scope.None },
        { UseCase.GetAuditLog, SignedIn, Scope.StaffOrApplicationOwner },
        { UseCase.ListMailFailures, Administrator, Scope.None },
        { UseCase.SimulateFiscal, FinanceOrAdministrator, Scope.None },
        { UseCase.ApproveFiscal, Finance, Scope.None },
        { UseCase.GetPaymentFile, FinanceOrAdministrator, Scope.None },
        { UseCase.ImportBankConfirmations, Finance, Scope.None },
        { UseCase.DecideByLink, SignedIn, Scope.LinkRecipientReviewer },
        { UseCase.DescribeDecisionLink, Anyone, Scope.LinkRecipient },
        { UseCase.RequestSignInLink, Anyone, Scope.SignInLink },
        { UseCase.DescribeSignInLink, Anyone, Scope.SignInLink },
        { UseCase.CompleteSignIn, Anyone, Scope.SignInLink },
        { UseCase.FindAccount, Anyone, Scope.None },
    };

    /// <summary>How each use case is called through the service, with arguments that get past nothing but the access check.</summary>
    private static readonly Dictionary<UseCase, Func<AwardsService, UserAccount?, Task>> Calls = new()
    {
        [UseCase.SubmitApplication] = (s, a) => s.SubmitApplicationAsync(a, new ClaimsRequest("no-such-cycle", [])),
        [UseCase.GetApplication] = (s, a) => s.GetApplicationAsync(a, "nope"),
        [UseCase.ListApplications] = (s, a) => s.ListApplicationsAsync(a),
        [UseCase.SubmitCorrection] = (s, a) => s.SubmitCorrectionAsync(a, "nope", []),
        [UseCase.ProvideInformation] = (s, a) => s.ProvideInformationAsync(a, "nope", new InformationRequest(null, "answer", null)),
        [UseCase.Withdraw] = (s, a) => s.WithdrawAsync(a, "nope", "reason"),
        [UseCase.ClerkCheck] = (s, a) => s.ClerkCheckAsync(a, "nope", new ClerkCheckRequest(true, null)),
        [UseCase.Reassign] = (s, a) => s.ReassignAsync(a, "nope", new ReassignRequest(ServiceHarness.Amr, "r2@test.local")),
        [UseCase.FileObjection] = (s, a) => s.FileObjectionAsync(a, "nope", new ObjectionRequest(null, "reason")),
        [UseCase.ListNotice] = (s, a) => s.ListNoticeAsync(a, "nope"),
        [UseCase.GetEvidenceUrl] = (s, a) => s.GetEvidenceUrlAsync(a, "nope", "nope"),
        [UseCase.GetCalendar] = (s, a) => s.GetCalendarAsync(a),
        [UseCase.WorkingDays] = (s, _) => s.WorkingDaysAsync(),
        [UseCase.ReplaceCalendar] = (s, a) => s.ReplaceCalendarAsync(a, string.Empty),
        [UseCase.RequestUploadSlot] = (s, a) => s.RequestUploadSlotAsync(a, new UploadSlotRequest("no-such-type", "a.pdf")),
        [UseCase.InspectEvidence] = (s, a) => s.InspectEvidenceAsync(a, string.Empty),
        [UseCase.PreviewEstimate] = (s, a) => s.PreviewEstimateAsync(a, new ClaimsRequest("no-such-cycle", [])),
        [UseCase.OpenCycle] = (s, a) => s.OpenCycleAsync(a, null!),
        [UseCase.CloseWindow] = (s, a) => s.CloseWindowAsync(a, "nope"),
        [UseCase.CloseCycle] = (s, a) => s.CloseCycleAsync(a, "nope"),
        [UseCase.ListCycles] = (s, a) => s.ListCyclesAsync(a),
        [UseCase.GetCycle] = (s, a) => s.GetCycleAsync(a, "nope"),
        [UseCase.UpsertFirm] = (s, a) => s.UpsertFirmAsync(a, new Firm("bad", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty)),
        [UseCase.GetFirm] = (s, a) => s.GetFirmAsync(a, "nope"),
        [UseCase.UpsertAccount] = (s, a) => s.UpsertAccountAsync(a, new UserAccount("bad", string.Empty, [])),
        [UseCase.GetAccount] = (s, a) => s.GetAccountAsync(a, "nobody@test.local"),
        [UseCase.ListStaff] = (s, a) => s.ListStaffAsync(a, Role.Reviewer, null),
        [UseCase.GetAuditLog] = (s, a) => s.GetAuditLogAsync(a, "nope"),
        [UseCase.ListMailFailures] = (s, a) => s.ListMailFailuresAsync(a),
        [UseCase.SimulateFiscal] = (s, a) => s.SimulateFiscalAsync(a, "nope", AllocationRuleKind.ProRata),
        [UseCase.ApproveFiscal] = (s, a) => s.ApproveFiscalAsync(a, "nope", AllocationRuleKind.ProRata),
        [UseCase.GetPaymentFile] = (s, a) => s.GetPaymentFileAsync(a, "nope", "csv"),
        [UseCase.ImportBankConfirmations] = (s, a) => s.ImportBankConfirmationsAsync(a, "nope", new MemoryStream()),
        [UseCase.DecideByLink] = (s, a) => s.DecideByLinkAsync(a, new DecisionRequest(string.Empty, null)),
        [UseCase.DescribeDecisionLink] = (s, a) => s.DescribeDecisionLinkAsync(a, string.Empty),
        [UseCase.RequestSignInLink] = (s, _) => s.RequestSignInLinkAsync("nobody@test.local"),
        [UseCase.DescribeSignInLink] = (s, _) => Task.FromResult(s.DescribeSignInLink(string.Empty)),
        [UseCase.CompleteSignIn] = (s, _) => s.CompleteSignInAsync(string.Empty),
        [UseCase.FindAccount] = (s, _) => s.FindAccountAsync("nobody@test.local"),
    };

    [Fact]
    public void Table_HasOneRowPerUseCase_AndThePolicyARulePerUseCase()
    {
        var rows = Table.Select(row => (UseCase)row[0]).ToList();

        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(Enum.GetValues<UseCase>().Order(), rows.Order());
        Assert.Equal(Enum.GetValues<UseCase>().Order(), AccessPolicy.Rules.Keys.Order());
        Assert.Equal(Enum.GetValues<UseCase>().Order(), Calls.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Rule_AllowsExactlyTheRolesOfItsRow_WithItsScope(UseCase useCase, string allowed, Scope scope)
    {
        var actual = new string(Columns.Select(role => AccessPolicy.Allows(useCase, Actor(role)) ? 'x' : '.').ToArray());

        Assert.Equal(allowed, actual);
        Assert.Equal(scope, AccessPolicy.Rule(useCase).Scope);
        Assert.Equal(allowed == Anyone ? Audience.Anyone : allowed == SignedIn ? Audience.SignedIn : Audience.Roles, AccessPolicy.Rule(useCase).Audience);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Authorize_RefusesWith401Or403_AllowsTheRest(UseCase useCase, string allowed, Scope scope)
    {
        Assert.True(Enum.IsDefined(scope));
        if (allowed == Anyone)
        {
            Assert.Throws<InvalidOperationException>(() => AccessPolicy.Authorize(useCase, Actor(Role.Administrator)));
            return;
        }

        for (var i = 0; i < Columns.Length; i++)
        {
            var actor = Actor(Columns[i]);
            if (allowed[i] == 'x')
            {
                Assert.Same(actor, AccessPolicy.Authorize(useCase, actor));
                continue;
            }

            var refusal = Assert.Throws<AwardsException>(() => AccessPolicy.Authorize(useCase, actor));
            Assert.Equal(actor is null ? (401, "not-signed-in") : (403, "forbidden"), (refusal.StatusCode, refusal.Code));
        }
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Service_RefusesExactlyTheActorsItsRowRefuses(UseCase useCase, string allowed, Scope scope)
    {
        using var h = new ServiceHarness();
        var head = new UserAccount("head@test.local", "Head", [Role.DepartmentHead], ServiceHarness.Amr);
        h.Ports.Users[head.Email] = head;
        UserAccount?[] actors = [null, h.ApplicantA, h.Clerk, h.ReviewerAmr, head, h.Finance, h.Admin];

        var seen = new char[actors.Length];
        for (var i = 0; i < actors.Length; i++)
        {
            var refusal = await Record.ExceptionAsync(() => Calls[useCase](h.Service, actors[i])) as AwardsException;
            seen[i] = refusal is { StatusCode: 401 } || refusal is { StatusCode: 403 } && refusal.MessageEn.StartsWith("This needs one of the roles", StringComparison.Ordinal) ? '.' : 'x';
        }

        Assert.Equal(allowed, new string(seen));
        Assert.Equal(scope, AccessPolicy.Rule(useCase).Scope);
    }

    [Fact]
    public void Authorize_RoleRefusal_NamesTheRolesInBothLanguages()
    {
        var refusal = Assert.Throws<AwardsException>(() => AccessPolicy.Authorize(UseCase.SimulateFiscal, Actor(Role.Applicant)));

        Assert.Equal("需要以下角色之一：财政人员、管理员", refusal.MessageZh);
        Assert.Equal("This needs one of the roles: Finance, Administrator", refusal.MessageEn);
    }

    [Fact]
    public void AuthorizeApplication_AppliesTheUseCasesScope()
    {
        var application = Application();
        var owner = Actor(Role.Applicant);
        var other = Actor(Role.Applicant) with { CreditCode = "OTHER" };
        var finance = Actor(Role.Finance);
        var clerk = Actor(Role.Clerk);

        Assert.Same(application, AccessPolicy.AuthorizeApplication(UseCase.GetApplication, finance, application, "app"));
        Assert.Equal(404, Status(() => AccessPolicy.AuthorizeApplication(UseCase.GetApplication, other, application, "app")));
        Assert.Equal(404, Status(() => AccessPolicy.AuthorizeApplication(UseCase.GetApplication, owner, null, "app")));
        Assert.Equal(403, Status(() => AccessPolicy.AuthorizeApplication(UseCase.Withdraw, clerk, application, "app")));
        Assert.Same(application, AccessPolicy.AuthorizeApplication(UseCase.Withdraw, owner, application, "app"));
        Assert.Equal(403, Status(() => AccessPolicy.AuthorizeApplication(UseCase.GetEvidenceUrl, finance, application, "app")));
        Assert.Equal(403, Status(() => AccessPolicy.AuthorizeApplication(UseCase.SubmitCorrection, finance, application, "app")));
        var inNotice = application with { Status = ApplicationStatus.InPublicNotice };
        Assert.Same(inNotice, AccessPolicy.AuthorizeApplication(UseCase.FileObjection, other, inNotice, "app"));
        Assert.Equal(404, Status(() => AccessPolicy.AuthorizeApplication(UseCase.FileObjection, other, application, "app")));
        Assert.Throws<InvalidOperationException>(() => AccessPolicy.AuthorizeApplication(UseCase.OpenCycle, owner, application, "app"));
    }

    private static UserAccount? Actor(Role? role) => role switch
    {
        null => null,
        Role.Applicant => new UserAccount("applicant@test.local", "A", [Role.Applicant], CreditCode: ServiceHarness.FirmA),
        Role.Reviewer or Role.DepartmentHead => new UserAccount($"{role}@test.local", "R", [role.Value], ServiceHarness.Amr),
        _ => new UserAccount($"{role}@test.local", "S", [role.Value]),
    };

    private static UserAccount Actor(Role role) => Actor((Role?)role)!;

    private static int Status(Action action) => Assert.Throws<AwardsException>(action).StatusCode;

    private static ApplicationRecord Application()
    {
        var firm = new Firm(ServiceHarness.FirmA, "青山茶业", "enterprise", "421223", "a@test.local", "农行", "111", "county");
        var line = new AwardLine("app:c1:x", "c1", "x", 1, ServiceHarness.Amr, "fin-421223", 100m, null, "pending", "national", "茶", [], new DateOnly(2024, 5, 1));
        return new ApplicationRecord(
            "app", ServiceHarness.CycleId, firm, "applicant@test.local", DateTimeOffset.UnixEpoch, ApplicationStatus.InReview,
            [], [], [line], [], [], null, [], new Dictionary<string, string> { [ServiceHarness.Amr] = "r1@test.local" }, 1, DateTimeOffset.UnixEpoch);
    }
}
