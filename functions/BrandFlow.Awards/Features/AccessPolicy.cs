using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features;

/// <summary>
/// Who may run each use case and which ownership or visibility rule applies: the one table of the service's access,
/// over the predicates of <see cref="AccessRules"/>. Handlers ask here; each check refuses with the same answers as
/// always (401 not signed in, 403 with the roles or the rule, 404 for what the actor may not see).
/// </summary>
public static class AccessPolicy
{
    private static readonly Dictionary<UseCase, AccessRule> Table = new()
    {
        [UseCase.SubmitApplication] = AccessRule.OneOf(Scope.OwnFirmCycle, Role.Applicant),
        [UseCase.GetApplication] = AccessRule.SignedIn(Scope.VisibleApplication),
        [UseCase.ListApplications] = AccessRule.SignedIn(Scope.VisibleApplications),
        [UseCase.SubmitCorrection] = AccessRule.OneOf(Scope.OwnFirmApplication, Role.Applicant),
        [UseCase.ProvideInformation] = AccessRule.OneOf(Scope.OwnFirmApplication, Role.Applicant),
        [UseCase.Withdraw] = AccessRule.SignedIn(Scope.OwnerOrAdministrator),
        [UseCase.ClerkCheck] = AccessRule.OneOf(Scope.VisibleApplication, Role.Clerk),
        [UseCase.Reassign] = AccessRule.OneOf(Scope.VisibleApplication, Role.Administrator),
        [UseCase.FileObjection] = AccessRule.SignedIn(Scope.InNoticeOrVisible),
        [UseCase.ListNotice] = AccessRule.SignedIn(),
        [UseCase.GetEvidenceUrl] = AccessRule.SignedIn(Scope.EvidenceReader),
        [UseCase.GetCalendar] = AccessRule.SignedIn(),
        [UseCase.WorkingDays] = AccessRule.Anyone(),
        [UseCase.ReplaceCalendar] = AccessRule.OneOf(Scope.None, Role.Administrator),
        [UseCase.RequestUploadSlot] = AccessRule.OneOf(Scope.OwnFirm, Role.Applicant),
        [UseCase.InspectEvidence] = AccessRule.OneOf(Scope.OwnFirm, Role.Applicant),
        [UseCase.PreviewEstimate] = AccessRule.OneOf(Scope.OwnFirmCycle, Role.Applicant),
        [UseCase.OpenCycle] = AccessRule.OneOf(Scope.None, Role.Administrator),
        [UseCase.CloseWindow] = AccessRule.OneOf(Scope.None, Role.Administrator),
        [UseCase.CloseCycle] = AccessRule.OneOf(Scope.None, Role.Administrator),
        [UseCase.ListCycles] = AccessRule.SignedIn(Scope.VisibleCycles),
        [UseCase.GetCycle] = AccessRule.SignedIn(Scope.VisibleCycles),
        [UseCase.UpsertFirm] = AccessRule.OneOf(Scope.None, Role.Administrator),
        [UseCase.GetFirm] = AccessRule.SignedIn(Scope.OwnFirmOrStaff),
        [UseCase.UpsertAccount] = AccessRule.OneOf(Scope.None, Role.Administrator),
        [UseCase.GetAccount] = AccessRule.SignedIn(Scope.SelfOrAdministrator),
        [UseCase.ListStaff] = AccessRule.OneOf(Scope.None, Role.Administrator),
        [UseCase.GetAuditLog] = AccessRule.SignedIn(Scope.StaffOrApplicationOwner),
        [UseCase.ListMailFailures] = AccessRule.OneOf(Scope.None, Role.Administrator),
        [UseCase.SimulateFiscal] = AccessRule.OneOf(Scope.None, Role.Finance, Role.Administrator),
        [UseCase.ApproveFiscal] = AccessRule.OneOf(Scope.None, Role.Finance),
        [UseCase.GetPaymentFile] = AccessRule.OneOf(Scope.None, Role.Finance, Role.Administrator),
        [UseCase.ImportBankConfirmations] = AccessRule.OneOf(Scope.None, Role.Finance),
        [UseCase.DecideByLink] = AccessRule.SignedIn(Scope.LinkRecipientReviewer),
        [UseCase.DescribeDecisionLink] = AccessRule.Anyone(Scope.LinkRecipient),
        [UseCase.RequestSignInLink] = AccessRule.Anyone(Scope.SignInLink),
        [UseCase.DescribeSignInLink] = AccessRule.Anyone(Scope.SignInLink),
        [UseCase.CompleteSignIn] = AccessRule.Anyone(Scope.SignInLink),
        [UseCase.FindAccount] = AccessRule.Anyone(),
    };

    /// <summary>Every use case's rule.</summary>
    public static IReadOnlyDictionary<UseCase, AccessRule> Rules => Table;

    /// <summary>The rule of a use case.</summary>
    public static AccessRule Rule(UseCase useCase) =>
        Table.TryGetValue(useCase, out var rule) ? rule : throw new InvalidOperationException($"No access rule for use case {useCase}");

    /// <summary>True when the audience of the use case admits the actor (no one signed in is null).</summary>
    public static bool Allows(UseCase useCase, UserAccount? actor)
    {
        var rule = Rule(useCase);
        return rule.Audience switch
        {
            Audience.Anyone => true,
            Audience.SignedIn => actor is not null,
            _ => actor is not null && rule.Roles.Any(actor.Has),
        };
    }

    /// <summary>The signed-in actor when the use case's audience admits it; otherwise 401 or 403 naming the roles.</summary>
    public static UserAccount Authorize(UseCase useCase, UserAccount? actor)
    {
        var rule = Rule(useCase);
        return rule.Audience switch
        {
            Audience.SignedIn => AccessRules.SignedIn(actor),
            Audience.Roles => AccessRules.Require(actor, [.. rule.Roles]),
            _ => throw new InvalidOperationException($"Use case {useCase} is open to anyone; there is no actor to authorize"),
        };
    }

    /// <summary>True when the actor sees everything the use case lists or reads (staff), so no per-subject rule applies.</summary>
    public static bool SeesAll(UseCase useCase, UserAccount who)
    {
        Expect(useCase, Scope.VisibleApplications, Scope.VisibleCycles, Scope.StaffOrApplicationOwner);
        return AccessRules.IsStaff(who);
    }

    /// <summary>The applicant's firm; 403 when the account is not bound to a registered firm.</summary>
    public static Firm AuthorizeFirm(UseCase useCase, Firm? firm)
    {
        Expect(useCase, Scope.OwnFirm, Scope.OwnFirmCycle, Scope.OwnFirmApplication);
        return firm ?? throw AwardsErrors.Forbidden("账号未绑定已登记的申报单位", "The account is not bound to a registered firm");
    }

    /// <summary>True when a cycle is of the jurisdiction chain (the codes) of the applicant's firm.</summary>
    public static bool SeesCycle(UseCase useCase, IReadOnlySet<string> chain, CycleRecord cycle)
    {
        Expect(useCase, Scope.OwnFirmCycle, Scope.VisibleCycles);
        return chain.Contains(cycle.Definition.Jurisdiction);
    }

    /// <summary>The cycle when it is of the firm's jurisdiction chain; otherwise not found.</summary>
    public static CycleRecord AuthorizeCycle(UseCase useCase, IReadOnlySet<string> chain, CycleRecord cycle, string cycleId) =>
        SeesCycle(useCase, chain, cycle) ? cycle : throw AwardsErrors.NotFound("申报年度", "cycle", cycleId);

    /// <summary>True when a listed application is visible to the actor.</summary>
    public static bool SeesApplication(UseCase useCase, UserAccount who, ApplicationRecord application)
    {
        Expect(useCase, Scope.VisibleApplications);
        return AccessRules.CanSee(who, application);
    }

    /// <summary>The application when the use case's rule lets the actor act on it; otherwise 404 or 403 as the rule says.</summary>
    public static ApplicationRecord AuthorizeApplication(UseCase useCase, UserAccount who, ApplicationRecord? application, string applicationId)
    {
        var scope = Expect(useCase, Scope.VisibleApplication, Scope.OwnFirmApplication, Scope.OwnerOrAdministrator, Scope.EvidenceReader, Scope.InNoticeOrVisible);
        if (scope == Scope.InNoticeOrVisible)
        {
            return application is null || (application.Status != ApplicationStatus.InPublicNotice && !AccessRules.CanSee(who, application))
                ? throw AwardsErrors.NotFound("申报", "application", applicationId)
                : application;
        }

        if (application is null || !AccessRules.CanSee(who, application))
        {
            throw AwardsErrors.NotFound("申报", "application", applicationId);
        }

        return scope switch
        {
            Scope.OwnFirmApplication when !AccessRules.IsOwner(who, application) =>
                throw AwardsErrors.Forbidden("只有申报单位可以执行此操作", "Only the applicant can do this"),
            Scope.OwnerOrAdministrator when !AccessRules.IsOwner(who, application) && !who.Has(Role.Administrator) =>
                throw AwardsErrors.Forbidden("只有申报单位或管理员可以撤回申报", "Only the applicant or an administrator can withdraw an application"),
            Scope.EvidenceReader when !AccessRules.CanReadEvidence(who, application) =>
                throw AwardsErrors.Forbidden("只有申报单位和经办工作人员可以查看材料", "Only the applicant and the staff assigned can read the evidence"),
            _ => application,
        };
    }

    /// <summary>Refuses unless the actor (one who does not see all) is the applicant of the application the subject names.</summary>
    public static void AuthorizeSubject(UseCase useCase, UserAccount who, ApplicationRecord? application)
    {
        Expect(useCase, Scope.StaffOrApplicationOwner);
        if (application is null || !AccessRules.IsOwner(who, application))
        {
            throw AwardsErrors.Forbidden("审计日志仅供工作人员查阅", "The audit log is for staff only");
        }
    }

    /// <summary>The firm when the actor may read it (its own applicants, staff); otherwise not found.</summary>
    public static Firm AuthorizeFirmRead(UseCase useCase, UserAccount who, Firm? firm, string creditCode)
    {
        Expect(useCase, Scope.OwnFirmOrStaff);
        var own = who.Has(Role.Applicant) && string.Equals(who.CreditCode, creditCode, StringComparison.OrdinalIgnoreCase);
        return firm is null || !(own || AccessRules.IsStaff(who)) ? throw AwardsErrors.NotFound("申报单位", "firm", creditCode) : firm;
    }

    /// <summary>True when the actor may read the account of the (normalised) email: its own, or any for an administrator.</summary>
    public static bool SeesAccount(UseCase useCase, UserAccount who, string email)
    {
        Expect(useCase, Scope.SelfOrAdministrator);
        return who.Has(Role.Administrator) || email == who.Email;
    }

    /// <summary>Whether the actor is the link's recipient; null when no one is signed in.</summary>
    public static bool? IsRecipient(UseCase useCase, UserAccount? actor, string recipient)
    {
        Expect(useCase, Scope.LinkRecipient, Scope.LinkRecipientReviewer);
        return actor is null ? null : string.Equals(actor.Email, recipient, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The refusal of a decision link used by someone other than its recipient.</summary>
    public static AwardsException ForwardedLink() =>
        new(
            "forwarded-link", 403,
            "此审核链接是发给另一位审核人员的，转发的链接不能使用；请使用发给您本人的链接",
            "This decision link was sent to another reviewer; a forwarded link cannot be used. Use the link sent to you");

    /// <summary>Refuses unless the actor reviews (or heads) the department.</summary>
    public static void AuthorizeDepartment(UseCase useCase, UserAccount who, string departmentId)
    {
        Expect(useCase, Scope.LinkRecipientReviewer);
        if (!(who.Has(Role.Reviewer) || who.Has(Role.DepartmentHead)) || who.DepartmentId != departmentId)
        {
            throw AwardsErrors.Forbidden("您不是该部门的审核人员", "You are not a reviewer of this department");
        }
    }

    /// <summary>The use case's scope, when it is one of those a check applies to (a handler asking the wrong check is a bug).</summary>
    private static Scope Expect(UseCase useCase, params Scope[] scopes)
    {
        var scope = Rule(useCase).Scope;
        return scopes.Contains(scope)
            ? scope
            : throw new InvalidOperationException($"Use case {useCase} has scope {scope}, not {string.Join(" or ", scopes)}");
    }
}
