using BrandFlow.Awards.Model;

namespace BrandFlow.Awards.Services;

/// <summary>
/// Who may see and do what. An applicant acts only for its own firm (by credit code); a reviewer or department head
/// only for applications with awards in their department; clerks, finance and administrators by role.
/// </summary>
public static class AccessRules
{
    /// <summary>The roles of staff (everyone but applicants).</summary>
    public static readonly IReadOnlyList<Role> StaffRoles = [Role.Clerk, Role.Reviewer, Role.DepartmentHead, Role.Finance, Role.Administrator];

    /// <summary>The actor, or a refusal when no one is signed in.</summary>
    public static UserAccount SignedIn(UserAccount? actor) => actor ?? throw AwardsErrors.NotSignedIn();

    /// <summary>The actor when it holds one of the roles; otherwise a refusal naming them.</summary>
    public static UserAccount Require(UserAccount? actor, params Role[] roles)
    {
        var who = SignedIn(actor);
        if (!roles.Any(who.Has))
        {
            var names = string.Join("、", roles.Select(RoleNameZh));
            var namesEn = string.Join(", ", roles.Select(r => r.ToString()));
            throw AwardsErrors.Forbidden($"需要以下角色之一：{names}", $"This needs one of the roles: {namesEn}");
        }

        return who;
    }

    /// <summary>True for an account holding any staff role.</summary>
    public static bool IsStaff(UserAccount actor) => StaffRoles.Any(actor.Has);

    /// <summary>The departments an application is reviewed by (its award lines and assigned reviewers).</summary>
    public static IReadOnlySet<string> Departments(ApplicationRecord application) =>
        application.Awards.Select(a => a.DepartmentId).Concat(application.ReviewersByDepartment.Keys).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when the actor acts for the firm that submitted the application.</summary>
    public static bool IsOwner(UserAccount actor, ApplicationRecord application) =>
        actor.Has(Role.Applicant) && actor.CreditCode is { Length: > 0 } code
        && string.Equals(code, application.Firm.CreditCode, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the actor reviews (or heads) a department the application is reviewed by.</summary>
    public static bool IsDepartmentStaff(UserAccount actor, ApplicationRecord application) =>
        (actor.Has(Role.Reviewer) || actor.Has(Role.DepartmentHead)) && actor.DepartmentId is { Length: > 0 } department
        && Departments(application).Contains(department);

    /// <summary>True when the actor may read the application.</summary>
    public static bool CanSee(UserAccount actor, ApplicationRecord application) =>
        actor.Has(Role.Administrator) || actor.Has(Role.Clerk) || actor.Has(Role.Finance)
        || IsOwner(actor, application) || IsDepartmentStaff(actor, application);

    /// <summary>True when the actor may read the application's evidence: its applicant and the staff assigned to it.</summary>
    public static bool CanReadEvidence(UserAccount actor, ApplicationRecord application) =>
        actor.Has(Role.Administrator) || actor.Has(Role.Clerk) || IsOwner(actor, application) || IsDepartmentStaff(actor, application);

    /// <summary>The Chinese name of a role.</summary>
    public static string RoleNameZh(Role role) => role switch
    {
        Role.Applicant => "申报单位经办人",
        Role.Clerk => "受理人员",
        Role.Reviewer => "审核人员",
        Role.DepartmentHead => "部门负责人",
        Role.Finance => "财政人员",
        Role.Administrator => "管理员",
        _ => role.ToString(),
    };
}
