using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Directory;

/// <summary>Creates or updates an account (administrator); roles are checked against departments and firms.</summary>
public sealed class UpsertAccountHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public UpsertAccountHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Validates every field of the account, then stores it normalised.</summary>
    public async Task<UserAccount> HandleAsync(UserAccount? actor, UserAccount account, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.UpsertAccount, actor);
        ArgumentNullException.ThrowIfNull(account);
        var errors = new List<FieldError>();
        var email = string.Empty;
        try
        {
            email = AwardsContext.NormaliseEmail(account.Email);
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
                && (account.DepartmentId is null || !this.context.Catalog.Documents.SelectMany(d => d.Departments).Any(d => d.Id == account.DepartmentId)))
            {
                errors.Add(new FieldError("departmentId", $"审核人员和部门负责人需要目录中的部门（“{account.DepartmentId}”不存在）", $"Reviewers and department heads need a catalog department ('{account.DepartmentId}' is not one)"));
            }

            if (account.Has(Role.Applicant))
            {
                var firm = account.CreditCode is { Length: > 0 } code ? await this.context.Ports.Directory.GetFirmAsync(code.ToUpperInvariant(), cancellationToken) : null;
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
        await this.context.Ports.Directory.UpsertUserAsync(stored, cancellationToken);
        await this.context.AuditAsync(stored.Email, "account.saved", who, string.Join(",", stored.Roles), cancellationToken);
        return stored;
    }
}
