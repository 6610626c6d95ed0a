using BrandFlow.Awards.Model;
using BrandFlow.Awards.Services;

namespace BrandFlow.Awards.Features.Claims;

/// <summary>Validates an uploaded file of the actor's firm; a refused file is deleted and reported as invalid.</summary>
public sealed class InspectEvidenceHandler
{
    private readonly AwardsContext context;

    /// <summary>Creates the handler.</summary>
    public InspectEvidenceHandler(AwardsContext context) => this.context = context ?? throw new ArgumentNullException(nameof(context));

    /// <summary>Validates an uploaded file of the actor's firm; a refused file is deleted and reported as invalid.</summary>
    public async Task<EvidenceFile> HandleAsync(UserAccount? actor, string fileId, CancellationToken cancellationToken = default)
    {
        var (who, firm) = await this.context.ApplicantFirmAsync(UseCase.InspectEvidence, actor, cancellationToken);
        var check = await this.context.Ports.Evidence.InspectAsync(firm.CreditCode, AwardsContext.Required(fileId, "fileId", "文件编号", "File id"), cancellationToken);
        if (!check.Accepted)
        {
            await this.context.AuditAsync(firm.CreditCode, "evidence.refused", who, $"{fileId} {check.RefusalCode}", cancellationToken);
            throw new AwardsException("evidence-" + (check.RefusalCode ?? "refused"), 400, check.MessageZh ?? "文件未通过检查", check.MessageEn ?? "The file was refused", "fileId");
        }

        await this.context.AuditAsync(firm.CreditCode, "evidence.accepted", who, $"{fileId} {check.File!.ContentType} {check.File.Sha256}", cancellationToken);
        return check.File;
    }
}
