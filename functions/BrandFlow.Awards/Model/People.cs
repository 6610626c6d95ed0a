namespace BrandFlow.Awards.Model;

/// <summary>What a signed-in person may do. One account can hold several roles.</summary>
public enum Role
{
    /// <summary>Applicant (申报单位经办人), bound to one firm by its credit code.</summary>
    Applicant,

    /// <summary>Clerk (受理人员) who confirms the document check.</summary>
    Clerk,

    /// <summary>Reviewer (审核人员) of one department.</summary>
    Reviewer,

    /// <summary>Head of a department (部门负责人): receives escalations.</summary>
    DepartmentHead,

    /// <summary>Finance (财政) approving batches against budgets.</summary>
    Finance,

    /// <summary>Administrator (管理员) running cycles and policies.</summary>
    Administrator,
}

/// <summary>A person who signs in by emailed one-time link.</summary>
/// <param name="Email">Lower-case email address; the account key.</param>
/// <param name="DisplayName">Name shown in pages and emails.</param>
/// <param name="Roles">Roles held.</param>
/// <param name="DepartmentId">Department for reviewers and department heads (catalog department id).</param>
/// <param name="CreditCode">Firm for applicants (GB 32100 credit code).</param>
/// <param name="Jurisdiction">Jurisdiction code for staff; applicants take their firm's.</param>
/// <param name="Language">Preferred language: "zh" (default) or "en".</param>
public sealed record UserAccount(
    string Email,
    string DisplayName,
    IReadOnlyList<Role> Roles,
    string? DepartmentId = null,
    string? CreditCode = null,
    string? Jurisdiction = null,
    string Language = "zh")
{
    /// <summary>True when the account holds the role.</summary>
    public bool Has(Role role) => Roles.Contains(role);
}

/// <summary>A firm registered to apply (申报单位), with the bank details payouts go to.</summary>
public sealed record Firm(
    string CreditCode,
    string Name,
    string Kind,
    string Jurisdiction,
    string ContactEmail,
    string BankName,
    string BankAccount,
    string? Affiliation = null,
    DateOnly? RelocatedOn = null);
