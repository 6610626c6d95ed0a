using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;
using BrandFlow.Policy;

namespace BrandFlow.Awards.Features.Directory;

/// <summary>Registers or updates a firm (administrator).</summary>
public sealed class UpsertFirmHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public UpsertFirmHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Validates every field of the firm, then stores it normalised.</summary>
    public async Task<Firm> HandleAsync(UserAccount? actor, Firm firm, CancellationToken cancellationToken = default)
    {
        var who = AccessPolicy.Authorize(UseCase.UpsertFirm, actor);
        ArgumentNullException.ThrowIfNull(firm);
        var catalog = this.context.Catalog;
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
        if (string.IsNullOrWhiteSpace(firm.Kind) || !catalog.Vocabulary.ApplicantKinds.ContainsKey(firm.Kind))
        {
            errors.Add(new FieldError("kind", $"单位类型“{firm.Kind}”不在目录中", $"Applicant kind '{firm.Kind}' is not in the catalog"));
        }

        if (string.IsNullOrWhiteSpace(firm.Jurisdiction) || !catalog.Jurisdictions.ContainsKey(firm.Jurisdiction))
        {
            errors.Add(new FieldError("jurisdiction", $"行政区划“{firm.Jurisdiction}”不在目录中", $"Jurisdiction '{firm.Jurisdiction}' is not in the catalog"));
        }

        if (firm.Affiliation is { } affiliation && !catalog.Vocabulary.Affiliations.ContainsKey(affiliation))
        {
            errors.Add(new FieldError("affiliation", $"隶属关系“{affiliation}”不在目录中", $"Affiliation '{affiliation}' is not in the catalog"));
        }

        string contact = string.Empty;
        try
        {
            contact = AwardsContext.NormaliseEmail(firm.ContactEmail, "contactEmail");
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
        await this.context.Ports.Directory.UpsertFirmAsync(stored, cancellationToken);
        await this.context.AuditAsync(stored.CreditCode, "firm.saved", who, stored.Name, cancellationToken);
        return stored;
    }
}
