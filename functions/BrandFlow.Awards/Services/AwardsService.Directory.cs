using System.Text.Json;
using BrandFlow.Awards.Model;
using BrandFlow.Policy;

namespace BrandFlow.Awards.Services;

/// <summary>Firms and accounts (administrators), the audit log and mail failures.</summary>
public sealed partial class AwardsService
{
    /// <summary>Registers or updates a firm (administrator).</summary>
    public async Task<Firm> UpsertFirmAsync(UserAccount? actor, Firm firm, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.Require(actor, Role.Administrator);
        ArgumentNullException.ThrowIfNull(firm);
        var errors = new List<FieldError>();
        if (CreditCode.Check(firm.CreditCode) is { } creditError)
        {
            errors.Add(new FieldError("creditCode", $"统一社会信用代码无效：{creditError}", $"Invalid unified social credit code: {creditError}"));
        }

        void RequireText(string? value, string field, string zh, string en)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new FieldError(field, $"{zh}不能为空", $"{en} is required"));
            }
        }

        RequireText(firm.Name, "name", "单位名称", "Name");
        RequireText(firm.BankName, "bankName", "开户银行", "Bank name");
        RequireText(firm.BankAccount, "bankAccount", "银行账号", "Bank account");
        if (string.IsNullOrWhiteSpace(firm.Kind) || !this.catalog.Vocabulary.ApplicantKinds.ContainsKey(firm.Kind))
        {
            errors.Add(new FieldError("kind", $"单位类型“{firm.Kind}”不在目录中", $"Applicant kind '{firm.Kind}' is not in the catalog"));
        }

        if (string.IsNullOrWhiteSpace(firm.Jurisdiction) || !this.catalog.Jurisdictions.ContainsKey(firm.Jurisdiction))
        {
            errors.Add(new FieldError("jurisdiction", $"行政区划“{firm.Jurisdiction}”不在目录中", $"Jurisdiction '{firm.Jurisdiction}' is not in the catalog"));
        }

        if (firm.Affiliation is { } affiliation && !this.catalog.Vocabulary.Affiliations.ContainsKey(affiliation))
        {
            errors.Add(new FieldError("affiliation", $"隶属关系“{affiliation}”不在目录中", $"Affiliation '{affiliation}' is not in the catalog"));
        }

        string contact = string.Empty;
        try
        {
            contact = NormaliseEmail(firm.ContactEmail, "contactEmail");
        }
        catch (AwardsException ex)
        {
            errors.AddRange(ex.Errors);
        }

        if (errors.Count > 0)
        {
            throw AwardsErrors.Invalid(errors);
        }

        var stored = firm with { CreditCode = firm.CreditCode.ToUpperInvariant(), Name = firm.Name.Trim(), ContactEmail = contact };
        await this.ports.Directory.UpsertFirmAsync(stored, cancellationToken);
        await this.AuditAsync(stored.CreditCode, "firm.saved", who, stored.Name, cancellationToken);
        return stored;
    }

    /// <summary>A firm: its own applicants and staff may read it.</summary>
    public async Task<Firm> GetFirmAsync(UserAccount? actor, string creditCode, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.SignedIn(actor);
        var code = (creditCode ?? string.Empty).ToUpperInvariant();
        var firm = await this.ports.Directory.GetFirmAsync(code, cancellationToken);
        var own = who.Has(Role.Applicant) && string.Equals(who.CreditCode, code, StringComparison.OrdinalIgnoreCase);
        if (firm is null || !(own || AccessRules.IsStaff(who)))
        {
            throw AwardsErrors.NotFound("申报单位", "firm", code);
        }

        return firm;
    }

    /// <summary>Creates or updates an account (administrator); roles are checked against departments and firms.</summary>
    public async Task<UserAccount> UpsertAccountAsync(UserAccount? actor, UserAccount account, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.Require(actor, Role.Administrator);
        ArgumentNullException.ThrowIfNull(account);
        var errors = new List<FieldError>();
        var email = string.Empty;
        try
        {
            email = NormaliseEmail(account.Email);
        }
        catch (AwardsException ex)
        {
            errors.AddRange(ex.Errors);
        }

        if (string.IsNullOrWhiteSpace(account.DisplayName))
        {
            errors.Add(new FieldError("displayName", "姓名不能为空", "Display name is required"));
        }

        if (account.Roles is null || account.Roles.Count == 0)
        {
            errors.Add(new FieldError("roles", "至少需要一个角色", "At least one role is required"));
        }
        else
        {
            if ((account.Has(Role.Reviewer) || account.Has(Role.DepartmentHead))
                && (account.DepartmentId is null || !this.catalog.Documents.SelectMany(d => d.Departments).Any(d => d.Id == account.DepartmentId)))
            {
                errors.Add(new FieldError("departmentId", $"审核人员和部门负责人需要目录中的部门（“{account.DepartmentId}”不存在）", $"Reviewers and department heads need a catalog department ('{account.DepartmentId}' is not one)"));
            }

            if (account.Has(Role.Applicant))
            {
                var firm = account.CreditCode is { Length: > 0 } code ? await this.ports.Directory.GetFirmAsync(code.ToUpperInvariant(), cancellationToken) : null;
                if (firm is null)
                {
                    errors.Add(new FieldError("creditCode", $"申报单位经办人需要已登记的单位（“{account.CreditCode}”未登记）", $"Applicants need a registered firm ('{account.CreditCode}' is not registered)"));
                }
            }
        }

        if (account.Language is not ("zh" or "en"))
        {
            errors.Add(new FieldError("language", "语言只能是 zh 或 en", "Language must be zh or en"));
        }

        if (errors.Count > 0)
        {
            throw AwardsErrors.Invalid(errors);
        }

        var stored = account with
        {
            Email = email,
            DisplayName = account.DisplayName.Trim(),
            Roles = account.Roles!.Distinct().ToList(),
            CreditCode = account.CreditCode?.ToUpperInvariant(),
        };
        await this.ports.Directory.UpsertUserAsync(stored, cancellationToken);
        await this.AuditAsync(stored.Email, "account.saved", who, string.Join(",", stored.Roles), cancellationToken);
        return stored;
    }

    /// <summary>An account: its owner or an administrator.</summary>
    public async Task<UserAccount> GetAccountAsync(UserAccount? actor, string email, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.SignedIn(actor);
        var key = (email ?? string.Empty).Trim().ToLowerInvariant();
        var account = who.Has(Role.Administrator) || key == who.Email ? await this.ports.Directory.GetUserAsync(key, cancellationToken) : null;
        return account ?? throw AwardsErrors.NotFound("账号", "account", key);
    }

    /// <summary>Staff holding a role, optionally of one department (administrator).</summary>
    public Task<IReadOnlyList<UserAccount>> ListStaffAsync(UserAccount? actor, Role role, string? departmentId, CancellationToken cancellationToken = default)
    {
        AccessRules.Require(actor, Role.Administrator);
        return this.ports.Directory.ListStaffAsync(role, departmentId, cancellationToken);
    }

    /// <summary>The audit log of a subject (staff only; an applicant may read its own applications' logs).</summary>
    public async Task<IReadOnlyList<AuditEntry>> GetAuditLogAsync(UserAccount? actor, string subjectId, CancellationToken cancellationToken = default)
    {
        var who = AccessRules.SignedIn(actor);
        if (!AccessRules.IsStaff(who))
        {
            var application = await this.ports.Applications.GetAsync(subjectId, cancellationToken);
            if (application is null || !AccessRules.IsOwner(who, application))
            {
                throw AwardsErrors.Forbidden("审计日志仅供工作人员查阅", "The audit log is for staff only");
            }
        }

        return await this.ports.Audit.ListAsync(subjectId, cancellationToken);
    }

    /// <summary>Mail sends that failed for good (administrator).</summary>
    public Task<IReadOnlyList<MailFailure>> ListMailFailuresAsync(UserAccount? actor, CancellationToken cancellationToken = default)
    {
        AccessRules.Require(actor, Role.Administrator);
        return this.ports.MailFailures.ListAsync(cancellationToken);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
